package pe.centinela.generator.terminals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import pe.centinela.core.time.LimaTime;

/**
 * Terminals a fraudster has taken over (half a new one a day for 3,000 accounts): every payment at one within 7–28
 * days of its compromise is fraud, whoever pays and whatever the amount.
 */
final class CompromisedTerminals {

    static final double PER_DAY = 0.5;
    private static final int ATTEMPTS = 50;

    /** One compromise: payments at {@code terminal} in [from, until) are fraud. */
    record Window(int terminal, long from, long until) {
        boolean covers(int terminal, long epochSecond) {
            return this.terminal == terminal && epochSecond >= from && epochSecond < until;
        }
    }

    private final TerminalNetwork network;
    private final double perDay;
    private final SplittableRandom random;
    private final long[] from;
    private final long[] until;
    private final List<Window> windows = new ArrayList<>();

    CompromisedTerminals(TerminalNetwork network, double scale, SplittableRandom random) {
        this.network = network;
        this.perDay = PER_DAY * scale;
        this.random = random;
        this.from = new long[network.count()];
        this.until = new long[network.count()];
    }

    /** Compromises today's terminals; only terminals clean all day are chosen, so each keeps one window at a time. */
    void startIncidents(long dayFrom, long dayEnd) {
        int incidents = Draws.poisson(random, perDay);
        for (int i = 0; i < incidents; i++) {
            int terminal = cleanTerminal(dayFrom);
            if (terminal < 0) {
                continue;
            }
            long start = dayFrom + (long) (random.nextDouble() * (dayEnd - dayFrom));
            long end = start + (long) (Draws.uniform(random, 7, 28) * LimaTime.DAY_SECONDS);
            from[terminal] = start;
            until[terminal] = end;
            windows.add(new Window(terminal, start, end));
        }
    }

    private int cleanTerminal(long dayFrom) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int terminal = network.any(random);
            if (until[terminal] < dayFrom) {
                return terminal;
            }
        }
        return -1;
    }

    boolean isCompromised(int terminal, long epochSecond) {
        return epochSecond >= from[terminal] && epochSecond < until[terminal];
    }

    int incidents() {
        return windows.size();
    }

    List<Window> windows() {
        return List.copyOf(windows);
    }
}
