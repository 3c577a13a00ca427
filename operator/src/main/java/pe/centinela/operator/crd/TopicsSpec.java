package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Topic names and partitioning, each mapped to a {@code topics.*} platform setting. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TopicsSpec {

    @JsonPropertyDescription("Raw transactions as sources deliver them (topics.raw).")
    private String raw;

    @JsonPropertyDescription("Validated, normalised transactions (topics.transactions).")
    private String transactions;

    @JsonPropertyDescription("Transactions that failed validation (topics.dead-letters).")
    private String deadLetters;

    @JsonPropertyDescription("Scores of every transaction (topics.scores).")
    private String scores;

    @JsonPropertyDescription("Alerts raised by scoring (topics.alerts).")
    private String alerts;

    @JsonPropertyDescription("Compacted changelog of the scoring state per account (topics.scoring-state).")
    private String scoringState;

    @JsonPropertyDescription("Analysts' decisions, published as labels (topics.labels).")
    private String labels;

    @Min(1)
    @Max(1024)
    @JsonPropertyDescription("Partitions of topics the platform creates (topics.partitions).")
    private Integer partitions;

    @Min(1)
    @Max(16)
    @JsonPropertyDescription("Replication factor of topics the platform creates (topics.replication-factor).")
    private Integer replicationFactor;

    public String getRaw() {
        return raw;
    }

    public void setRaw(String raw) {
        this.raw = raw;
    }

    public String getTransactions() {
        return transactions;
    }

    public void setTransactions(String transactions) {
        this.transactions = transactions;
    }

    public String getDeadLetters() {
        return deadLetters;
    }

    public void setDeadLetters(String deadLetters) {
        this.deadLetters = deadLetters;
    }

    public String getScores() {
        return scores;
    }

    public void setScores(String scores) {
        this.scores = scores;
    }

    public String getAlerts() {
        return alerts;
    }

    public void setAlerts(String alerts) {
        this.alerts = alerts;
    }

    public String getScoringState() {
        return scoringState;
    }

    public void setScoringState(String scoringState) {
        this.scoringState = scoringState;
    }

    public String getLabels() {
        return labels;
    }

    public void setLabels(String labels) {
        this.labels = labels;
    }

    public Integer getPartitions() {
        return partitions;
    }

    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    public Integer getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(Integer replicationFactor) {
        this.replicationFactor = replicationFactor;
    }
}
