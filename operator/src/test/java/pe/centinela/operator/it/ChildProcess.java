package pe.centinela.operator.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server process started by a test, its output in a log file, stopped when the test is done or the JVM exits. */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logDir)
            throws IOException {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        ChildProcess child = new ChildProcess(name, process, log);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return child;
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + "; its log ends with:\n" + tail());
        }
    }

    String name() {
        return name;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
