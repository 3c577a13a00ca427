package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The Kafka cluster and the topic names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSpec {

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Bootstrap servers, host:port[,host:port...].")
    private String bootstrapServers;

    @JsonPropertyDescription("Topic names; any left out keep the platform's defaults.")
    private TopicsSpec topics;

    @JsonPropertyDescription("TLS and SCRAM login to the brokers; left out: PLAINTEXT.")
    private KafkaSecuritySpec security;

    public KafkaSecuritySpec getSecurity() {
        return security;
    }

    public void setSecurity(KafkaSecuritySpec security) {
        this.security = security;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public TopicsSpec getTopics() {
        return topics;
    }

    public void setTopics(TopicsSpec topics) {
        this.topics = topics;
    }
}
