package pe.centinela.workbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap after each collection, read from a JVM's unified GC log written with {@code -Xlog:gc:file=…:timemillis},
 * whose lines look like {@code [1764000000123ms] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(256M) 4.1ms}.
 */
final class GcLog {

    private static final Pattern COLLECTION =
            Pattern.compile("^\\[(\\d+)ms].* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern PAUSE = Pattern.compile(" Pause .* (\\d+(?:\\.\\d+)?)ms$");

    /** A collection: when it ended, the heap it left, whether it was full, and how long it stopped the program (0 if unlogged). */
    record Collection(long atMillis, long heapAfterBytes, boolean full, double pauseMillis) {}

    /** The stops of the world in a span: how many, the median and the longest, and the share of the span they took. */
    record Pauses(int count, double medianMillis, double longestMillis, double pausedShare) {}

    private GcLog() {}

    static List<String> jvmOptions(java.nio.file.Path file) {
        return List.of("-Xlog:gc:file=" + file.toAbsolutePath() + ":timemillis");
    }

    static List<Collection> parse(List<String> lines) {
        List<Collection> collections = new ArrayList<>();
        for (String line : lines) {
            Matcher m = COLLECTION.matcher(line);
            if (m.find()) {
                Matcher pause = PAUSE.matcher(line);
                collections.add(new Collection(
                        Long.parseLong(m.group(1)),
                        bytes(m.group(4), m.group(5)),
                        line.contains(" Pause Full "),
                        pause.find() ? Double.parseDouble(pause.group(1)) : 0));
            }
        }
        return collections;
    }

    /** The least heap left by a collection in {@code [fromMillis, toMillis)}: the nearest the log comes to the live data. */
    static OptionalLong leastHeapAfter(List<Collection> collections, long fromMillis, long toMillis) {
        return collections.stream()
                .filter(c -> c.atMillis() >= fromMillis && c.atMillis() < toMillis)
                .mapToLong(Collection::heapAfterBytes)
                .min();
    }

    /** The pauses of the collections that ended in {@code [fromMillis, toMillis)}. */
    static Pauses pauses(List<Collection> collections, long fromMillis, long toMillis) {
        double[] millis = collections.stream()
                .filter(c -> c.atMillis() >= fromMillis && c.atMillis() < toMillis && c.pauseMillis() > 0)
                .mapToDouble(Collection::pauseMillis)
                .sorted()
                .toArray();
        if (millis.length == 0) {
            return new Pauses(0, 0, 0, 0);
        }
        double total = java.util.Arrays.stream(millis).sum();
        return new Pauses(
                millis.length,
                millis[(millis.length - 1) / 2],
                millis[millis.length - 1],
                total / Math.max(1, toMillis - fromMillis));
    }

    /** The heap left by the last full collection in the log: the live data when it ran. */
    static OptionalLong lastFullHeapAfter(List<Collection> collections) {
        return collections.stream()
                .filter(Collection::full)
                .mapToLong(Collection::heapAfterBytes)
                .reduce((first, second) -> second);
    }

    private static long bytes(String amount, String unit) {
        long n = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
