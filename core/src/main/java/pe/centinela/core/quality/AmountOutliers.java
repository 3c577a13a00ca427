package pe.centinela.core.quality;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import pe.centinela.core.numeric.TanhAndLog1p;

/**
 * Flags amounts far from the norm with a robust z-score (median and median absolute deviation of ln(1 + amount)),
 * against the account's recent amounts and against all traffic. Flags only: an outlier is never dropped.
 */
public final class AmountOutliers {

    static final double THRESHOLD = 3.5;
    static final int MIN_HISTORY = 10;
    private static final int ACCOUNT_WINDOW = 32;
    private static final int GLOBAL_RESERVOIR = 4096;
    private static final int MAX_ACCOUNTS = 200_000;

    /** Which norms an amount departs from. */
    public record Verdict(boolean accountOutlier, boolean globalOutlier) {}

    private final Map<String, double[]> accounts = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_ACCOUNTS;
        }
    };
    private final double[] reservoir = new double[GLOBAL_RESERVOIR];
    private final SplittableRandom random = new SplittableRandom(18245);
    private final double[] scratch = new double[Math.max(ACCOUNT_WINDOW, GLOBAL_RESERVOIR)];
    private long globalCount;
    private double globalMedian;
    private double globalMad;
    private long statsAt = -1;

    /** Judges the amount against what was seen before, then remembers it. */
    public Verdict check(String accountId, double amount) {
        double x = TanhAndLog1p.log1p(amount);
        double[] window = accounts.computeIfAbsent(accountId, k -> new double[ACCOUNT_WINDOW + 1]);
        int n = (int) window[ACCOUNT_WINDOW];
        boolean accountOutlier = n >= MIN_HISTORY && robustZ(x, window, Math.min(n, ACCOUNT_WINDOW)) > THRESHOLD;
        boolean globalOutlier = globalCount >= 100 && globalZ(x) > THRESHOLD;
        window[n % ACCOUNT_WINDOW] = x;
        window[ACCOUNT_WINDOW] = n + 1;
        remember(x);
        return new Verdict(accountOutlier, globalOutlier);
    }

    private double robustZ(double x, double[] values, int n) {
        System.arraycopy(values, 0, scratch, 0, n);
        Arrays.sort(scratch, 0, n);
        double median = median(scratch, n);
        for (int i = 0; i < n; i++) {
            scratch[i] = Math.abs(scratch[i] - median);
        }
        Arrays.sort(scratch, 0, n);
        double mad = Math.max(median(scratch, n), 0.05);
        return 0.6745 * Math.abs(x - median) / mad;
    }

    private double globalZ(double x) {
        if (statsAt < 0 || globalCount - statsAt >= 10_000 || (globalCount < 20_000 && globalCount - statsAt >= 500)) {
            int n = (int) Math.min(globalCount, GLOBAL_RESERVOIR);
            System.arraycopy(reservoir, 0, scratch, 0, n);
            Arrays.sort(scratch, 0, n);
            globalMedian = median(scratch, n);
            for (int i = 0; i < n; i++) {
                scratch[i] = Math.abs(scratch[i] - globalMedian);
            }
            Arrays.sort(scratch, 0, n);
            globalMad = Math.max(median(scratch, n), 0.05);
            statsAt = globalCount;
        }
        return 0.6745 * Math.abs(x - globalMedian) / globalMad;
    }

    private void remember(double x) {
        if (globalCount < GLOBAL_RESERVOIR) {
            reservoir[(int) globalCount] = x;
        } else {
            long slot = random.nextLong(globalCount + 1);
            if (slot < GLOBAL_RESERVOIR) {
                reservoir[(int) slot] = x;
            }
        }
        globalCount++;
    }

    private static double median(double[] sorted, int n) {
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
