package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;

/**
 * Who may reach the platform's pods and whom they may reach, for the NetworkPolicy the operator owns. Each list holds
 * NetworkPolicy peers (podSelector, namespaceSelector, ipBlock); the defaults are the narrowest that still work.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPolicySpec {

    @JsonPropertyDescription(
            "Who may reach the HTTP port 8080 of the platform's pods (the alert API, health, metrics). "
                    + "Default: only pods in the FraudDetector's namespace.")
    private List<NetworkPolicyPeer> apiFrom;

    @JsonPropertyDescription(
            "Where the Kafka brokers are, on the ports of spec.kafka.bootstrapServers. Default: any address on those ports.")
    private List<NetworkPolicyPeer> kafkaTo;

    @JsonPropertyDescription("Where PostgreSQL is, on spec.postgres.port. Default: any address on that port.")
    private List<NetworkPolicyPeer> postgresTo;

    public List<NetworkPolicyPeer> getApiFrom() {
        return apiFrom;
    }

    public void setApiFrom(List<NetworkPolicyPeer> apiFrom) {
        this.apiFrom = apiFrom;
    }

    public List<NetworkPolicyPeer> getKafkaTo() {
        return kafkaTo;
    }

    public void setKafkaTo(List<NetworkPolicyPeer> kafkaTo) {
        this.kafkaTo = kafkaTo;
    }

    public List<NetworkPolicyPeer> getPostgresTo() {
        return postgresTo;
    }

    public void setPostgresTo(List<NetworkPolicyPeer> postgresTo) {
        this.postgresTo = postgresTo;
    }
}
