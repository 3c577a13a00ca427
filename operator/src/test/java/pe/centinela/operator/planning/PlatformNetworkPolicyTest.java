package pe.centinela.operator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.operator.crd.FraudDetector;

class PlatformNetworkPolicyTest {

    @Test
    void byDefaultOnlyPodsOfTheNamespaceReachTheApiAndPodsReachOnlyKafkaPostgresAndDns() {
        FraudDetector fd = Detectors.detector("m1");
        fd.getSpec().getKafka().setBootstrapServers("kafka-0:9093, kafka-1:9093,kafka-2:9094");
        fd.getSpec().getPostgres().setPort(6432);
        NetworkPolicy policy = PlatformNetworkPolicy.desired(fd);

        assertThat(policy.getMetadata().getName()).isEqualTo("fraud-platform");
        assertThat(policy.getMetadata().getNamespace()).isEqualTo("bank");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsOnlyKeys("app.kubernetes.io/instance", "app.kubernetes.io/managed-by");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getPodSelector()).isNotNull();
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getIpBlock()).isNull();
            });
            assertThat(rule.getPorts())
                    .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                    .containsExactly("TCP/8080");
        });
        assertThat(policy.getSpec().getEgress())
                .extracting(PlatformNetworkPolicyTest::ports)
                .containsExactly(List.of("TCP/9093", "TCP/9094"), List.of("TCP/6432"), List.of("UDP/53", "TCP/53"));
        assertThat(policy.getSpec().getEgress())
                .allSatisfy(rule -> assertThat(rule.getTo()).isNullOrEmpty());
    }

    @Test
    void bootstrapServersWithoutAPortUseKafkasDefault() {
        assertThat(PlatformNetworkPolicy.kafkaPorts("kafka, [::1]:9095,broker:19092"))
                .containsExactly(9092, 9095, 19092);
    }

    private static List<String> ports(NetworkPolicyEgressRule rule) {
        return rule.getPorts().stream()
                .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .toList();
    }
}
