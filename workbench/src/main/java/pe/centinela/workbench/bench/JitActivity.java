package pe.centinela.workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The CPU time a JVM's just-in-time compiler threads have used so far, from Linux's /proc (the tasks named {@code C1
 * CompilerThre…} and {@code C2 CompilerThre…}; compiler threads the JVM has since retired are not counted). On this
 * 2-core machine the platform's compilers still took a third of a core two minutes into a benchmark: latency
 * measured then is partly the JIT's.
 */
final class JitActivity {

    private JitActivity() {}

    /** CPU seconds of the JVM's compiler threads, or empty when /proc cannot tell (not Linux, or the process is gone). */
    static OptionalDouble compileSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        double total = 0;
        boolean found = false;
        try (var threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                if (compiler(Rss.comm(task))) {
                    total += Cpu.seconds(task);
                    found = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    /** Linux keeps the first 15 characters of a thread's name: "C2 CompilerThread0" is "C2 CompilerThre". */
    static boolean compiler(String threadName) {
        return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
    }

    /** The share of one core a JVM spent compiling between two readings {@code wallSeconds} apart; NaN when unread. */
    static double share(OptionalDouble before, OptionalDouble after, double wallSeconds) {
        return before.isPresent() && after.isPresent() && wallSeconds > 0
                ? (after.getAsDouble() - before.getAsDouble()) / wallSeconds
                : Double.NaN;
    }
}
