package pe.centinela.generator.terminals;

import java.util.ArrayList;
import java.util.List;

/** 200,000 rows of the terminals data set at the defaults (about 54 days), generated once for all tests. */
final class TerminalsSample {

    static final long SEED = 42;
    static final int ROWS = 200_000;

    private static TerminalsSample shared;

    final TerminalsGenerator generator;
    final List<TerminalTransaction> rows;

    private TerminalsSample() {
        generator = new TerminalsGenerator(TerminalsSettings.defaults(SEED));
        rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(generator.next());
        }
    }

    static synchronized TerminalsSample get() {
        if (shared == null) {
            shared = new TerminalsSample();
        }
        return shared;
    }

    Cardholder cardholder(TerminalTransaction row) {
        return generator.population().get(row.account());
    }
}
