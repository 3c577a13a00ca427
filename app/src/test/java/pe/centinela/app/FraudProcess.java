package pe.centinela.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fraud run} as a process of its own, as in production, on this test's class path and with the JIT flags the
 * test JVM itself runs with (the build's C1-only setting for short-lived test JVMs), writing its output to a file.
 */
final class FraudProcess {

    private FraudProcess() {}

    static Process start(Path output, List<String> jvmOptions, String... fraudArgs) throws java.io.IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-XX:TieredStopAtLevel="))
                .forEach(command::add);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FraudCommand.class.getName()));
        command.addAll(List.of(fraudArgs));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }
}
