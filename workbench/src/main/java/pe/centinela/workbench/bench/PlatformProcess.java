package pe.centinela.workbench.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The platform as a child process of a benchmark: the same jar, {@code fraud run --role all}. */
record PlatformProcess(Process process) {

    static PlatformProcess start(Path properties, String heap, List<String> jvmOptions, Path log) throws IOException {
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "pe.centinela.app.FraudCommand",
                "run",
                "--role",
                "all",
                "--config",
                properties.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new PlatformProcess(process);
    }

    /** Java Flight Recorder with its profile settings into {@code file}, or nothing when there is none. */
    static List<String> flightRecording(Path file) {
        return file == null
                ? List.of()
                : List.of(
                        "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file.toAbsolutePath());
    }

    long pid() {
        return process.pid();
    }

    void awaitReady(int port, Duration deadline) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the platform process exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // listening soon
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException("the platform was not ready within " + deadline.toSeconds() + " s");
    }

    /** Asks the JVM for a full collection ({@code jcmd <pid> GC.run}), which its GC log then records. */
    void collectGarbage() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IOException("jcmd " + pid() + " GC.run failed");
        }
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
