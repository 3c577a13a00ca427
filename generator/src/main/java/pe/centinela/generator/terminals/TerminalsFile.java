package pe.centinela.generator.terminals;

import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongConsumer;
import pe.centinela.core.time.LimaTime;

/** Writes the first rows of the terminals data set as CSV and sums up what was written. */
public final class TerminalsFile {

    /** What a file holds: rows by pattern, incidents started by pattern, the first and last timestamps and the days between. */
    public record Summary(
            long rows,
            Map<FraudPattern, Long> rowsByPattern,
            Map<FraudPattern, Integer> incidents,
            String firstTimestamp,
            String lastTimestamp,
            double days) {
        public long frauds() {
            return rows - rowsByPattern.getOrDefault(FraudPattern.NONE, 0L);
        }
    }

    private TerminalsFile() {}

    /** Writes {@code rows} rows after the header; {@code progress} hears the number written so far, now and then. */
    public static Summary write(TerminalsSettings settings, long rows, Writer writer, LongConsumer progress)
            throws IOException {
        TerminalsGenerator generator = new TerminalsGenerator(settings);
        Map<FraudPattern, Long> byPattern = new EnumMap<>(FraudPattern.class);
        long first = 0;
        long last = 0;
        long step = Math.max(1, rows / 50);
        TerminalsCsv.writeHeader(writer);
        for (long i = 1; i <= rows; i++) {
            TerminalTransaction row = generator.next();
            TerminalsCsv.writeRow(row, writer);
            byPattern.merge(row.pattern(), 1L, Long::sum);
            first = i == 1 ? row.epochSecond() : first;
            last = row.epochSecond();
            if (i % step == 0 || i == rows) {
                progress.accept(i);
            }
        }
        Map<FraudPattern, Integer> incidents = new EnumMap<>(FraudPattern.class);
        for (FraudPattern pattern : FraudPattern.values()) {
            if (pattern != FraudPattern.NONE) {
                incidents.put(pattern, generator.incidents(pattern));
            }
        }
        return new Summary(
                rows,
                Collections.unmodifiableMap(byPattern),
                Collections.unmodifiableMap(incidents),
                TerminalsCsv.timestamp(first),
                TerminalsCsv.timestamp(last),
                (last - first) / (double) LimaTime.DAY_SECONDS);
    }
}
