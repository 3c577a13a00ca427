package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the benchmark's processes from Linux's /proc (0 elsewhere), to show where a rate's cores went: the
 * platform, this process (the broker and the load generator), PostgreSQL.
 */
final class Cpu {

    /** Linux's USER_HZ, the unit of /proc/PID/stat's times, on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final long platformPid;
    private final double platform;
    private final double bench;
    private final double postgres;
    private final long startedNanos;

    private Cpu(long platformPid) {
        this.platformPid = platformPid;
        this.platform = seconds(Path.of("/proc", Long.toString(platformPid)));
        this.bench =
                seconds(Path.of("/proc", Long.toString(ProcessHandle.current().pid())));
        this.postgres = postgresSeconds();
        this.startedNanos = System.nanoTime();
    }

    static Cpu start(long platformPid) {
        return new Cpu(platformPid);
    }

    /** Cores each used on average since {@link #start}. */
    JsonObject coresUsed() {
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        return new JsonObject()
                .put("platform", round(seconds(Path.of("/proc", Long.toString(platformPid))) - platform, wall))
                .put(
                        "bench_and_broker",
                        round(
                                seconds(Path.of(
                                                "/proc",
                                                Long.toString(
                                                        ProcessHandle.current().pid())))
                                        - bench,
                                wall))
                .put("postgres", round(postgresSeconds() - postgres, wall));
    }

    private static double round(double seconds, double wall) {
        return Math.round(100 * seconds / wall) / 100.0;
    }

    private static double postgresSeconds() {
        double total = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                if (p.getFileName().toString().chars().allMatch(Character::isDigit) && "postgres".equals(Rss.comm(p))) {
                    total += seconds(p);
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** utime + stime of a process, in seconds: fields 14 and 15 of /proc/PID/stat, counted after the command's closing parenthesis. */
    static double seconds(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
