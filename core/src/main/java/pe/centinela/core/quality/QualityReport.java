package pe.centinela.core.quality;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pe.centinela.core.validation.Violation;

/**
 * Counts of what the checks decided: records accepted and rejected, rejections by reason ({@code field:code}),
 * quality flags, and all of it by source and by hour of arrival. Thread-safe.
 */
public final class QualityReport {

    /** Counts for one source or one hour. */
    public record Counts(long accepted, long rejected) {
        Counts plus(boolean ok) {
            return ok ? new Counts(accepted + 1, rejected) : new Counts(accepted, rejected + 1);
        }

        public long total() {
            return accepted + rejected;
        }
    }

    private long accepted;
    private long rejected;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> byFlag = new TreeMap<>();
    private final Map<String, Counts> bySource = new TreeMap<>();
    private final Map<Instant, Counts> byHour = new TreeMap<>();

    public synchronized void accepted(String source, Instant receivedAt, List<String> flags) {
        accepted++;
        for (String flag : flags) {
            byFlag.merge(flag, 1L, Long::sum);
        }
        tally(source, receivedAt, true);
    }

    public synchronized void rejected(String source, Instant receivedAt, List<Violation> reasons) {
        rejected++;
        for (Violation v : reasons) {
            byReason.merge(reasonKey(v), 1L, Long::sum);
        }
        tally(source, receivedAt, false);
    }

    public static String reasonKey(Violation v) {
        return v.field() + ":" + v.code();
    }

    private void tally(String source, Instant receivedAt, boolean ok) {
        bySource.merge(source, new Counts(ok ? 1 : 0, ok ? 0 : 1), (a, b) -> a.plus(ok));
        byHour.merge(
                receivedAt.truncatedTo(ChronoUnit.HOURS), new Counts(ok ? 1 : 0, ok ? 0 : 1), (a, b) -> a.plus(ok));
    }

    public synchronized long accepted() {
        return accepted;
    }

    public synchronized long rejected() {
        return rejected;
    }

    public synchronized long total() {
        return accepted + rejected;
    }

    public synchronized Map<String, Long> byReason() {
        return Map.copyOf(byReason);
    }

    public synchronized Map<String, Long> byFlag() {
        return Map.copyOf(byFlag);
    }

    public synchronized Map<String, Counts> bySource() {
        return Map.copyOf(bySource);
    }

    public synchronized Map<Instant, Counts> byHour() {
        return Map.copyOf(byHour);
    }
}
