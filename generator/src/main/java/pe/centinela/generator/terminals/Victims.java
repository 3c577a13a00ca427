package pe.centinela.generator.terminals;

import java.util.SplittableRandom;

/** Which accounts are in the hands of a fraudster until when, so that no account suffers two incidents at once. */
final class Victims {

    private static final int ATTEMPTS = 50;

    private final long[] busyUntil;

    Victims(int accounts) {
        busyUntil = new long[accounts];
    }

    /** A random account free at {@code at}, or -1 when none was found in a few attempts. */
    int pickFree(long at, SplittableRandom random) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int account = random.nextInt(busyUntil.length);
            if (busyUntil[account] <= at) {
                return account;
            }
        }
        return -1;
    }

    void occupy(int account, long until) {
        busyUntil[account] = Math.max(busyUntil[account], until);
    }
}
