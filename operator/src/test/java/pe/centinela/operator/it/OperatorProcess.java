package pe.centinela.operator.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator as the image runs it, {@code java -jar operator.jar}, acting as the ServiceAccount the Helm chart
 * creates: fabric8 impersonates it (KUBERNETES_IMPERSONATE_*), so only the chart's RBAC applies.
 */
final class OperatorProcess implements AutoCloseable {

    private final ChildProcess process;

    private OperatorProcess(ChildProcess process) {
        this.process = process;
    }

    /**
     * Starts the operator with the settings the chart's Deployment gives its container ({@code chartEnv}: watched
     * namespaces, allowed image prefixes), except the health port, which is a free one here.
     */
    static OperatorProcess start(
            KubeTestServer server, String namespace, String serviceAccount, Map<String, String> chartEnv)
            throws Exception {
        Path jar = Path.of(System.getProperty("centinela.operator.jar", "target/operator.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "operator jar not found at " + jar + ": run the tests with mvn verify, which packages it first");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Map<String, String> env = new HashMap<>();
        chartEnv.forEach((name, value) -> {
            if (!name.equals("HEALTH_PORT") && !name.equals("JAVA_TOOL_OPTIONS")) {
                env.put(name, value);
            }
        });
        env.putAll(Map.of(
                "KUBECONFIG", server.kubeconfig().toString(),
                "KUBERNETES_IMPERSONATE_USERNAME", "system:serviceaccount:" + namespace + ":" + serviceAccount,
                "KUBERNETES_IMPERSONATE_GROUP", String.join(",", KubeTestServer.serviceAccountGroups(namespace)),
                "HEALTH_PORT", Integer.toString(KubeTestServer.freePort())));
        return new OperatorProcess(ChildProcess.start(
                "operator", List.of(java.toString(), "-jar", jar.toString()), env, server.workDir()));
    }

    void requireAlive() {
        process.requireAlive();
    }

    String logTail() {
        return process.tail();
    }

    @Override
    public void close() throws Exception {
        process.close();
    }
}
