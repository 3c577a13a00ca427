package pe.centinela.operator.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Kubernetes API server for tests: etcd, kube-apiserver with RBAC and token authentication, and
 * kube-controller-manager running only the garbage collector (so owner references delete owned objects). There is
 * no scheduler and no kubelet: no pod ever runs, and tests write Deployment status themselves. The API server keeps an
 * audit log of every request, so tests can see what a ServiceAccount asked for and whether it was allowed.
 */
final class KubeTestServer implements AutoCloseable {

    /** The user agent of {@link #clientAs}: requests a test makes to probe RBAC, told apart from the operator's own. */
    static final String PROBE_USER_AGENT = "centinela-rbac-probe";

    private final Path work;
    private final String token = UUID.randomUUID().toString();
    private final List<ChildProcess> processes = new ArrayList<>();
    private int port;
    private Path kubeconfig;

    /** Ports for etcd's clients, etcd's peers and the API server, in that order. */
    interface Ports {
        int next() throws IOException;
    }

    private static final int ATTEMPTS = 3;

    private final Ports ports;

    /** Where etcd keeps its data: in memory when the machine has /dev/shm, so its fsyncs never wait for a busy disk. */
    private final Path etcdData;

    private KubeTestServer(Path work, Ports ports) throws IOException {
        this.work = work;
        this.ports = ports;
        Path shm = Path.of("/dev/shm");
        this.etcdData = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "kube-test-etcd-")
                : work.resolve("etcd");
    }

    /** The API server did not answer ready in time though every process was alive; the message has their logs. */
    static final class NotReadyInTime extends IllegalStateException {
        NotReadyInTime(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static KubeTestServer start() throws Exception {
        return start(KubeTestServer::freePort);
    }

    /**
     * Starts etcd, the API server and the controller manager on ports from {@code ports}. A port found free can be
     * taken by another test JVM before the server binds it ("address already in use"): then everything starts again
     * on new ports, up to {@value #ATTEMPTS} times.
     */
    static KubeTestServer start(Ports ports) throws Exception {
        for (int attempt = 1; ; attempt++) {
            KubeTestServer server = new KubeTestServer(Files.createTempDirectory("kube-test-"), ports);
            try {
                server.startAll();
                return server;
            } catch (Exception | Error e) {
                server.close();
                if (attempt == ATTEMPTS || !(portTaken(e) || e instanceof NotReadyInTime)) {
                    throw e;
                }
                // kept on the test's output, so a slow start leaves its evidence even when the next attempt passes
                System.err.println("test Kubernetes, attempt " + attempt + " of " + ATTEMPTS + " failed, starting again"
                        + " on new ports: " + e.getMessage());
            }
        }
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("address already in use")) {
                return true;
            }
        }
        return false;
    }

    int port() {
        return port;
    }

    private void startAll() throws Exception {
        Path etcd = TestBinaries.require("etcd");
        Path apiserver = TestBinaries.require("kube-apiserver");
        Path controllerManager = TestBinaries.require("kube-controller-manager");
        int etcdPort = ports.next();
        int etcdPeerPort = ports.next();
        port = ports.next();
        String etcdUrl = "http://127.0.0.1:" + etcdPort;
        String peerUrl = "http://127.0.0.1:" + etcdPeerPort;
        processes.add(ChildProcess.start(
                "etcd",
                List.of(
                        etcd.toString(),
                        "--data-dir",
                        etcdData.toString(),
                        "--listen-client-urls",
                        etcdUrl,
                        "--advertise-client-urls",
                        etcdUrl,
                        "--listen-peer-urls",
                        peerUrl,
                        "--initial-advertise-peer-urls",
                        peerUrl,
                        "--initial-cluster",
                        "default=" + peerUrl),
                Map.of(),
                work));

        Files.writeString(work.resolve("tokens.csv"), token + ",admin,admin,system:masters\n");
        Files.writeString(
                work.resolve("audit-policy.yaml"),
                "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n");
        writeServiceAccountKeys();
        ChildProcess apiserverProcess = ChildProcess.start(
                "kube-apiserver",
                List.of(
                        apiserver.toString(),
                        "--etcd-servers=" + etcdUrl,
                        "--bind-address=127.0.0.1",
                        "--secure-port=" + port,
                        "--cert-dir=" + work.resolve("certs"),
                        "--token-auth-file=" + work.resolve("tokens.csv"),
                        "--authorization-mode=RBAC",
                        "--enable-admission-plugins=OwnerReferencesPermissionEnforcement",
                        "--service-account-issuer=https://kubernetes.default.svc",
                        "--service-account-key-file=" + work.resolve("sa.pub"),
                        "--service-account-signing-key-file=" + work.resolve("sa.key"),
                        "--service-cluster-ip-range=10.0.0.0/24",
                        "--audit-policy-file=" + work.resolve("audit-policy.yaml"),
                        "--audit-log-path=" + auditLog(),
                        "--audit-log-format=json",
                        "--audit-log-mode=blocking"),
                Map.of(),
                work);
        processes.add(apiserverProcess);
        kubeconfig = work.resolve("kubeconfig");
        Files.writeString(kubeconfig, kubeconfigText());
        try (KubernetesClient client = adminClient()) {
            await("kube-apiserver ready on port " + port)
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    // not ready yet is ignored; a server that exited, or that could not bind its port and lingers on
                    // (a fresh-clone run waited out the 90 s so), fails now, not after the whole wait
                    .ignoreExceptionsMatching(e -> !(e instanceof IllegalStateException))
                    .until(() -> {
                        processes.forEach(ChildProcess::requireAlive);
                        requireBound(apiserverProcess);
                        return "ok".equals(client.raw("/readyz"));
                    });
        } catch (ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder();
            processes.forEach(
                    p -> logs.append("\n--- ").append(p.name()).append(" ---\n").append(p.tail()));
            throw new NotReadyInTime("kube-apiserver not ready on port " + port + " within 90 s" + logs, e);
        }
        processes.add(ChildProcess.start(
                "kube-controller-manager",
                List.of(
                        controllerManager.toString(),
                        "--kubeconfig=" + kubeconfig,
                        "--controllers=garbagecollector",
                        "--leader-elect=false",
                        "--port=0",
                        "--secure-port=0"),
                Map.of(),
                work));
    }

    private static void requireBound(ChildProcess apiserver) {
        String log = apiserver.tail();
        if (log.contains("address already in use")) {
            throw new IllegalStateException(apiserver.name() + " could not bind its port; its log ends with:\n" + log);
        }
    }

    private void writeServiceAccountKeys() throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(
                work.resolve("sa.key"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(
                work.resolve("sa.pub"), pem("PUBLIC KEY", keys.getPublic().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private String kubeconfigText() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: admin
                  user:
                    token: %s
                contexts:
                - name: test
                  context:
                    cluster: test
                    user: admin
                current-context: test
                """.formatted(url(), token);
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    Path workDir() {
        return work;
    }

    /** Every request the API server answered, one JSON audit event a line (metadata only: who, what, the response code). */
    Path auditLog() {
        return work.resolve("audit.log");
    }

    /**
     * The requests made as {@code user} directly or by impersonation, from clients other than {@code excludedUserAgent},
     * each at its latest stage (a watch still open has no response code yet).
     */
    List<AuditedRequest> requestsBy(String user, String excludedUserAgent) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, AuditedRequest> requests = new LinkedHashMap<>();
        for (String line : Files.readAllLines(auditLog())) {
            JsonNode event = json.readTree(line);
            String as = event.path("impersonatedUser")
                    .path("username")
                    .asText(event.path("user").path("username").asText());
            if (user.equals(as) && !event.path("userAgent").asText().startsWith(excludedUserAgent)) {
                JsonNode object = event.path("objectRef");
                requests.put(
                        event.path("auditID").asText(),
                        new AuditedRequest(
                                event.path("verb").asText(),
                                object.path("apiGroup").asText(""),
                                object.path("resource").asText(""),
                                object.path("subresource").asText(""),
                                event.path("requestURI").asText(),
                                event.path("responseStatus").path("code").asInt()));
            }
        }
        return List.copyOf(requests.values());
    }

    /** One request from the audit log: the verb, what it was on, and the response code. */
    record AuditedRequest(String verb, String apiGroup, String resource, String subresource, String uri, int code) {

        String permission() {
            return (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource
                    + (subresource.isEmpty() ? "" : "/" + subresource) + " " + verb;
        }
    }

    Config adminConfig() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withOauthToken(token)
                .withTrustCerts(true)
                .withDisableHostnameVerification(true)
                .withRequestTimeout(30_000)
                .build();
    }

    KubernetesClient adminClient() {
        return new KubernetesClientBuilder().withConfig(adminConfig()).build();
    }

    /** A client acting as a ServiceAccount, through impersonation (no token controller runs here). */
    KubernetesClient clientAs(String namespace, String serviceAccount) {
        Config config = adminConfig();
        config.setImpersonateUsername("system:serviceaccount:" + namespace + ":" + serviceAccount);
        config.setImpersonateGroups(serviceAccountGroups(namespace));
        config.setUserAgent(PROBE_USER_AGENT);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    static String[] serviceAccountGroups(String namespace) {
        return new String[] {"system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"};
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        for (Path dir : List.of(etcdData, work)) {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
