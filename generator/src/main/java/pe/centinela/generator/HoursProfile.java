package pe.centinela.generator;

/** When in the Lima day an account tends to pay: the chance, per local hour, that it accepts a payment slot. */
enum HoursProfile {
    DAY_WORKER(0.60, new double[] {
        0.03, 0.02, 0.01, 0.01, 0.02, 0.06, 0.25, 0.60, 0.80, 0.85, 0.85, 0.90,
        1.00, 1.00, 0.85, 0.80, 0.80, 0.85, 0.95, 1.00, 0.95, 0.80, 0.45, 0.15
    }),
    EARLY_BIRD(0.15, new double[] {
        0.02, 0.01, 0.01, 0.02, 0.10, 0.40, 0.75, 0.95, 1.00, 1.00, 0.95, 0.95,
        1.00, 0.95, 0.85, 0.80, 0.80, 0.80, 0.75, 0.60, 0.40, 0.20, 0.08, 0.04
    }),
    NIGHT_OWL(0.15, new double[] {
        0.75, 0.60, 0.40, 0.25, 0.12, 0.05, 0.05, 0.08, 0.15, 0.25, 0.35, 0.45,
        0.60, 0.65, 0.60, 0.60, 0.65, 0.70, 0.80, 0.90, 1.00, 1.00, 1.00, 0.90
    }),
    SHIFT_WORKER(0.10, new double[] {
        0.45, 0.40, 0.35, 0.35, 0.40, 0.50, 0.65, 0.75, 0.80, 0.80, 0.80, 0.85,
        1.00, 0.95, 0.80, 0.75, 0.75, 0.80, 0.90, 0.95, 0.90, 0.80, 0.65, 0.55
    });

    private static final HoursProfile[] ALL = values();

    final double populationShare;

    @SuppressWarnings("ImmutableEnumChecker") // private, filled once by the constructor and only read after
    private final double[] acceptance;

    HoursProfile(double populationShare, double[] acceptance) {
        this.populationShare = populationShare;
        this.acceptance = acceptance;
    }

    double acceptance(int limaHour) {
        return acceptance[limaHour];
    }

    static HoursProfile of(int ordinal) {
        return ALL[ordinal];
    }
}
