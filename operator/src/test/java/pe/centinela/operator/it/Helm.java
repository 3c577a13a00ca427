package pe.centinela.operator.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the helm binary scripts/kube-test-env provides, failing with its output when it fails. */
final class Helm {

    static final Path CHART = TestBinaries.repositoryFile("helm/fraud-detector");

    private Helm() {}

    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(TestBinaries.require("helm").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HELM_CACHE_HOME", System.getProperty("java.io.tmpdir") + "/centinela-helm/cache");
        builder.environment().put("HELM_CONFIG_HOME", System.getProperty("java.io.tmpdir") + "/centinela-helm/config");
        builder.environment().put("HELM_DATA_HOME", System.getProperty("java.io.tmpdir") + "/centinela-helm/data");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(
                    "helm " + String.join(" ", args) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
