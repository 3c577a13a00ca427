package pe.centinela.generator.terminals;

/**
 * One generated payment: who paid how much at which terminal and when, and the fraud pattern behind it. Its number
 * (the transaction id's digits) is given when it is emitted, so numbers follow time order.
 */
record TerminalTransaction(long number, long epochSecond, int account, int terminal, long cents, FraudPattern pattern) {

    static TerminalTransaction unnumbered(
            long epochSecond, int account, int terminal, long cents, FraudPattern pattern) {
        return new TerminalTransaction(0, epochSecond, account, terminal, cents, pattern);
    }

    TerminalTransaction numbered(long number) {
        return new TerminalTransaction(number, epochSecond, account, terminal, cents, pattern);
    }

    boolean fraud() {
        return pattern != FraudPattern.NONE;
    }
}
