package pe.centinela.workbench.bench;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of the platform process a benchmark starts, shared by the benchmarks that start one. */
final class PlatformOptions {

    @Option(
            names = "--alert-threshold",
            defaultValue = "0.95",
            description = "alert threshold of the benchmark's model, so that a few "
                    + "percent of transactions become alerts whose latency is measured (default: ${DEFAULT-VALUE})")
    double alertThreshold;

    @Option(
            names = "--platform-heap",
            defaultValue = "2g",
            description = "-Xmx of the platform process (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(
            names = "--jfr",
            paramLabel = "FILE",
            description = "record the platform process with Java Flight Recorder (profile settings) into FILE")
    java.nio.file.Path jfr;

    @Option(
            names = "--platform-jvm-option",
            paramLabel = "OPTION",
            description = "an option of the platform process's JVM, e.g. -XX:+UseZGC (repeatable)")
    java.util.List<String> jvmOptions = new java.util.ArrayList<>();

    /**
     * The platform JVM's options beyond its heap: its GC log into {@code gcLog}, the recording when asked for, and the
     * caller's own.
     */
    java.util.List<String> jvmOptions(java.nio.file.Path gcLog) {
        java.util.List<String> all = new java.util.ArrayList<>(GcLog.jvmOptions(gcLog));
        all.addAll(PlatformProcess.flightRecording(jfr));
        all.addAll(jvmOptions);
        return all;
    }

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "a setting of the platform process, e.g. alerts.history=false (repeatable)")
    Map<String, String> overrides = new HashMap<>();
}
