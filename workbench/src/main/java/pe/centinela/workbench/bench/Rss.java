package pe.centinela.workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of processes, from Linux's /proc (0 elsewhere). */
final class Rss {

    private Rss() {}

    /** The process's peak resident set (VmHWM), in MB. */
    static long peakMb(long pid) {
        return kb(Path.of("/proc", Long.toString(pid), "status"), "VmHWM") / 1024;
    }

    /** The process's resident set now (VmRSS), in MB. */
    static long currentMb(long pid) {
        return kb(Path.of("/proc", Long.toString(pid), "status"), "VmRSS") / 1024;
    }

    /** The resident memory of every PostgreSQL process, summed (shared buffers are counted in each, so this over-counts). */
    static long postgresMb() {
        long kb = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                if (p.getFileName().toString().chars().allMatch(Character::isDigit) && "postgres".equals(comm(p))) {
                    kb += kb(p.resolve("status"), "VmRSS");
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return kb / 1024;
    }

    static String comm(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static long kb(Path status, String field) {
        return Machine.procLine(status, field + ":")
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .orElse(0L);
    }
}
