package pe.centinela.scoring.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeaturePipeline;

/**
 * A labelled history replayed in time order through the live feature code and cut into time windows: training (its
 * last part for validation), a feedback gap whose labels are not yet known when the model is built, and a test window.
 * Training starts at the history's first transaction, or at a chosen moment: what comes before it only warms the
 * accounts', merchants' and devices' state, as years of history would in a business that trains on its last weeks.
 * Legitimate training rows may be sampled to bound memory; validation and test keep every row.
 */
public final class LabelledHistory {

    /** The windows, in order. */
    public record Windows(
            Instant start, Instant validationStart, Instant trainEnd, Instant testStart, Instant testEnd) {
        static Windows of(Instant start, Duration train, Duration delay, Duration test, double validationShare) {
            Instant trainEnd = start.plus(train);
            Instant validationStart =
                    start.plus(Duration.ofSeconds((long) (train.toSeconds() * (1 - validationShare))));
            Instant testStart = trainEnd.plus(delay);
            return new Windows(start, validationStart, trainEnd, testStart, testStart.plus(test));
        }
    }

    /** Rows of one window: raw features, labels, times and ids. */
    public static final class Part {
        final List<float[]> rows = new ArrayList<>();
        final List<Boolean> labels = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final List<String> ids = new ArrayList<>();

        void add(double[] row, boolean fraud, long time, String id) {
            float[] compact = new float[row.length];
            for (int j = 0; j < row.length; j++) {
                compact[j] = (float) row[j];
            }
            rows.add(compact);
            labels.add(fraud);
            times.add(time);
            ids.add(id);
        }

        public int size() {
            return rows.size();
        }

        /** Each row's features (for sequences, those of the row's own transaction). */
        public double[][] rows() {
            double[][] out = new double[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                float[] row = rows.get(i);
                out[i] = widen(row, row.length - FeatureCatalogue.SIZE, FeatureCatalogue.SIZE);
            }
            return out;
        }

        /** Each row's sequence, flattened: the previous transactions' features, oldest first, then its own. */
        public double[][] sequences() {
            double[][] out = new double[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = widen(rows.get(i), 0, rows.get(i).length);
            }
            return out;
        }

        private static double[] widen(float[] row, int from, int length) {
            double[] out = new double[length];
            for (int j = 0; j < length; j++) {
                out[j] = row[from + j];
            }
            return out;
        }

        public boolean[] labels() {
            boolean[] out = new boolean[labels.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = labels.get(i);
            }
            return out;
        }

        public long[] times() {
            return times.stream().mapToLong(Long::longValue).toArray();
        }

        public List<String> ids() {
            return ids;
        }

        public long frauds() {
            return labels.stream().filter(b -> b).count();
        }
    }

    /** Told how far the replay got. */
    public interface Progress {
        void replayed(long rows, Instant at);
    }

    private final Windows windows;
    private final Part train = new Part();
    private final Part validation = new Part();
    private final Part test = new Part();
    private long replayed;
    private long warmUp;
    private long unlabelledRecent;

    private LabelledHistory(Windows windows) {
        this.windows = windows;
    }

    /**
     * Replays {@code history} (time-ordered, labelled) until the end of the test window. Labels feed the fraud-share
     * features {@code labelDelay} after their transaction, as they would in production.
     *
     * @param trainStart where the training window starts (null: at the first transaction); earlier transactions only
     *                   warm the state
     */
    public static LabelledHistory replay(
            Iterator<Transaction> history,
            Instant trainStart,
            Duration train,
            Duration delay,
            Duration test,
            double validationShare,
            double legitimateSample,
            long seed,
            int sequenceLength,
            Progress progress) {
        FeaturePipeline features = new FeaturePipeline(delay, sequenceLength);
        SplittableRandom random = new SplittableRandom(seed);
        LabelledHistory result = null;
        Instant last = null;
        while (history.hasNext()) {
            Transaction tx = history.next();
            if (result == null) {
                result = new LabelledHistory(
                        Windows.of(startOf(trainStart, tx.timestamp()), train, delay, test, validationShare));
            }
            last = tx.timestamp();
            Windows w = result.windows;
            if (!tx.timestamp().isBefore(w.testEnd())) {
                break;
            }
            double[] row = new double[FeatureCatalogue.SIZE];
            if (sequenceLength > 1) {
                double[] sequence = new double[sequenceLength * FeatureCatalogue.SIZE];
                features.next(tx, row, sequence);
                row = sequence;
            } else {
                features.next(tx, row);
            }
            boolean fraud = Boolean.TRUE.equals(tx.fraudLabel());
            long t = tx.timestamp().getEpochSecond();
            Instant at = tx.timestamp();
            if (at.isBefore(w.start())) {
                result.warmUp++;
            } else if (at.isBefore(w.validationStart())) {
                if (fraud || random.nextDouble() < legitimateSample) {
                    result.train.add(row, fraud, t, tx.transactionId());
                }
            } else if (at.isBefore(w.trainEnd())) {
                result.validation.add(row, fraud, t, tx.transactionId());
            } else if (!at.isBefore(w.testStart())) {
                result.test.add(row, fraud, t, tx.transactionId());
            }
            if (++result.replayed % 100_000 == 0) {
                progress.replayed(result.replayed, at);
            }
        }
        if (result == null) {
            throw new IllegalArgumentException("the history is empty");
        }
        requireHistoryAfter(trainStart, last);
        progress.replayed(result.replayed, result.windows.testEnd());
        return result;
    }

    /** A training start on the history's first day (a date's midnight before its first transaction) is the history's start. */
    private static Instant startOf(Instant trainStart, Instant first) {
        if (trainStart != null && !trainStart.plus(Duration.ofDays(1)).isAfter(first)) {
            throw new IllegalArgumentException(
                    "the training start " + trainStart + " is before the history's first transaction (" + first
                            + "): there is nothing to warm the state with; start later, or leave it out to train from the first transaction");
        }
        return trainStart != null ? trainStart : first;
    }

    private static void requireHistoryAfter(Instant trainStart, Instant last) {
        if (trainStart != null && !trainStart.isBefore(last)) {
            throw new IllegalArgumentException(
                    "the training start " + trainStart + " is after the history's last transaction (" + last + ")");
        }
    }

    /**
     * Replays the whole history for training: the last {@code validationShare} of the time span from {@code trainStart}
     * (null: the first transaction) becomes the validation window (every row kept), the earlier part the training window
     * (legitimate rows sampled); transactions before {@code trainStart} only warm the state. There is no test window. A
     * transaction whose label is not known (null) counts as legitimate once it is older than the label delay at the
     * history's end; a more recent one only warms the state, since it may yet turn out to be fraud.
     */
    public static LabelledHistory replayAll(
            Iterator<Transaction> history,
            Instant trainStart,
            Duration labelDelay,
            double validationShare,
            double legitimateSample,
            long seed,
            int sequenceLength,
            Progress progress) {
        FeaturePipeline features = new FeaturePipeline(labelDelay, sequenceLength);
        List<float[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long stillUnknown = 0;
        double[] plain = new double[FeatureCatalogue.SIZE];
        double[] row = new double[sequenceLength * FeatureCatalogue.SIZE];
        Instant last = null;
        long warmUp = 0;
        while (history.hasNext()) {
            Transaction tx = history.next();
            if (last == null) {
                startOf(trainStart, tx.timestamp());
            }
            last = tx.timestamp();
            if (sequenceLength > 1) {
                features.next(tx, plain, row);
            } else {
                features.next(tx, row);
            }
            if (trainStart != null && tx.timestamp().isBefore(trainStart)) {
                warmUp++;
                if (warmUp % 100_000 == 0) {
                    progress.replayed(warmUp, tx.timestamp());
                }
                continue;
            }
            float[] compact = new float[row.length];
            for (int j = 0; j < row.length; j++) {
                compact[j] = (float) row[j];
            }
            rows.add(compact);
            labels.add(tx.fraudLabel());
            times.add(tx.timestamp().getEpochSecond());
            ids.add(tx.transactionId());
            if (rows.size() % 100_000 == 0) {
                progress.replayed(warmUp + rows.size(), tx.timestamp());
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("the history is empty");
        }
        requireHistoryAfter(trainStart, last);
        Instant start = trainStart != null ? trainStart : Instant.ofEpochSecond(times.get(0));
        Instant end = Instant.ofEpochSecond(times.get(times.size() - 1) + 1);
        Duration span = Duration.between(start, end);
        Windows windows = Windows.of(start, span, Duration.ZERO, Duration.ZERO, validationShare);
        LabelledHistory result = new LabelledHistory(windows);
        SplittableRandom random = new SplittableRandom(seed);
        long labelsKnownUntil = end.minus(labelDelay).getEpochSecond();
        for (int i = 0; i < rows.size(); i++) {
            float[] compact = rows.get(i);
            double[] widened = new double[compact.length];
            Boolean label = labels.get(i);
            if (label == null && times.get(i) >= labelsKnownUntil) {
                stillUnknown++;
                continue;
            }
            boolean fraud = Boolean.TRUE.equals(label);
            boolean validation = times.get(i) >= windows.validationStart().getEpochSecond();
            if (!validation && !fraud && random.nextDouble() >= legitimateSample) {
                continue;
            }
            for (int j = 0; j < widened.length; j++) {
                widened[j] = compact[j];
            }
            (validation ? result.validation : result.train).add(widened, fraud, times.get(i), ids.get(i));
            rows.set(i, null);
        }
        result.replayed = rows.size() + warmUp;
        result.warmUp = warmUp;
        result.unlabelledRecent = stillUnknown;
        progress.replayed(result.replayed, end);
        return result;
    }

    public Windows windows() {
        return windows;
    }

    public Part train() {
        return train;
    }

    public Part validation() {
        return validation;
    }

    public Part test() {
        return test;
    }

    public long replayed() {
        return replayed;
    }

    /** Transactions before the training start, which only warmed the state. */
    /** Transactions of the last label delay without a label: replayed for the state, not used as rows. */
    public long unlabelledRecent() {
        return unlabelledRecent;
    }

    public long warmUp() {
        return warmUp;
    }
}
