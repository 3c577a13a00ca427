package pe.centinela.generator;

/** The banks whose customers, ATMs and transfer services appear in the simulation. */
enum Bank {
    BCP("BCP", 0.36),
    INTERBANK("Interbank", 0.20),
    BBVA("BBVA", 0.24),
    SCOTIABANK("Scotiabank", 0.20);

    private static final Bank[] ALL = values();

    final String displayName;
    final double customerShare;

    Bank(String displayName, double customerShare) {
        this.displayName = displayName;
        this.customerShare = customerShare;
    }

    static Bank of(int ordinal) {
        return ALL[ordinal];
    }

    static int count() {
        return ALL.length;
    }
}
