package pe.centinela.operator.planning;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.crd.NetworkPolicySpec;

/**
 * The NetworkPolicy of a FraudDetector's pods: in, only port 8080 from the allowed API clients; out, only Kafka's
 * and PostgreSQL's ports and DNS. Anything else a pod tries is dropped (where the cluster's network enforces policies).
 */
public final class PlatformNetworkPolicy {

    static final int DEFAULT_KAFKA_PORT = 9092;
    private static final int DNS_PORT = 53;

    private PlatformNetworkPolicy() {}

    public static NetworkPolicy desired(FraudDetector fd) {
        NetworkPolicySpec spec = fd.getSpec().getNetworkPolicy() == null
                ? new NetworkPolicySpec()
                : fd.getSpec().getNetworkPolicy();
        List<NetworkPolicyPeer> apiFrom = spec.getApiFrom() == null
                ? List.of(new NetworkPolicyPeerBuilder()
                        .withNewPodSelector()
                        .endPodSelector()
                        .build())
                : spec.getApiFrom();
        List<NetworkPolicyPort> kafkaPorts = kafkaPorts(fd.getSpec().getKafka().getBootstrapServers()).stream()
                .map(p -> tcp(p))
                .toList();
        return new NetworkPolicyBuilder()
                .withMetadata(Names.metadata(fd, Names.networkPolicy(fd), null))
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(Names.platformSelector(fd))
                .endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress()
                .withFrom(apiFrom)
                .withPorts(tcp(PlatformSettings.HTTP_PORT))
                .endIngress()
                .withEgress(
                        egress(spec.getKafkaTo(), kafkaPorts),
                        egress(
                                spec.getPostgresTo(),
                                List.of(tcp(fd.getSpec().getPostgres().port()))),
                        egress(null, List.of(port("UDP", DNS_PORT), tcp(DNS_PORT))))
                .endSpec()
                .build();
    }

    /** The distinct ports of {@code host:port,host:port}; a server without a port is on Kafka's default. */
    static List<Integer> kafkaPorts(String bootstrapServers) {
        TreeSet<Integer> ports = new TreeSet<>();
        Arrays.stream(bootstrapServers.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(server -> {
                    int colon = server.lastIndexOf(':');
                    String port = colon < 0 || server.endsWith("]") ? "" : server.substring(colon + 1);
                    ports.add(port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : DEFAULT_KAFKA_PORT);
                });
        return List.copyOf(ports);
    }

    private static NetworkPolicyEgressRule egress(List<NetworkPolicyPeer> to, List<NetworkPolicyPort> ports) {
        return new NetworkPolicyEgressRuleBuilder().withTo(to).withPorts(ports).build();
    }

    private static NetworkPolicyPort tcp(int port) {
        return port("TCP", port);
    }

    private static NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder()
                .withProtocol(protocol)
                .withPort(new IntOrString(port))
                .build();
    }
}
