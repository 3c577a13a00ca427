package pe.centinela.operator;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.operator.planning.ImagePolicy;

/**
 * The operator process: {@code java -jar operator.jar}, the container's entrypoint and what the integration tests
 * run. It connects like kubectl (in-cluster ServiceAccount, else {@code KUBECONFIG}); {@code WATCH_NAMESPACES} (comma
 * separated, empty: all) limits where it looks; {@code ALLOWED_IMAGE_PREFIXES} (comma separated, required) lists the
 * registry prefixes a FraudDetector's image may start with; {@code HEALTH_PORT} (default 8081) serves {@code /healthz}.
 */
public final class OperatorMain {

    private static final Logger log = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        ImagePolicy images;
        try {
            images = ImagePolicy.parse(env.get(ImagePolicy.ENV));
        } catch (IllegalArgumentException e) {
            log.error("Not starting: {}", e.getMessage());
            System.exit(2);
            return;
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .checkingCRDAndValidateLocalModel(false)
                .withStopOnInformerErrorDuringStartup(true)
                .withCloseClientOnStop(true));
        Set<String> namespaces = namespaces(env.getOrDefault("WATCH_NAMESPACES", ""));
        operator.register(new FraudDetectorReconciler(new JdbcRegistryVerifier(), images, Clock.systemUTC()), c -> {
            if (!namespaces.isEmpty()) {
                c.settingNamespaces(namespaces);
            }
        });
        operator.installShutdownHook(Duration.ofSeconds(10));
        operator.start();
        serveHealth(operator, Integer.parseInt(env.getOrDefault("HEALTH_PORT", "8081")));
        log.info(
                "Centinela operator started against {} watching {}, allowing images under {}",
                client.getMasterUrl(),
                namespaces.isEmpty() ? "all namespaces" : namespaces,
                images.prefixes());
    }

    static Set<String> namespaces(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static void serveHealth(Operator operator, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/healthz", exchange -> {
            boolean healthy = operator.getRuntimeInfo().allEventSourcesAreHealthy();
            byte[] body = (healthy ? "OK" : "UNHEALTHY").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
