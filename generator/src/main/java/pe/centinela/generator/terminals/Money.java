package pe.centinela.generator.terminals;

/** Soles to whole cents, never below one sol nor above a card's limit. */
final class Money {

    private static final long FEWEST_CENTS = 100;
    private static final long MOST_CENTS = 5_000_000;

    private Money() {}

    static long cents(double soles) {
        return Math.max(FEWEST_CENTS, Math.min(MOST_CENTS, Math.round(soles * 100)));
    }
}
