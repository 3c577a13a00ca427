package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A count per component. */
public class ComponentReplicas {

    @JsonPropertyDescription("Ready ingest pods.")
    private int ingest;

    @JsonPropertyDescription("Ready scoring pods.")
    private int scoring;

    @JsonPropertyDescription("Ready alerts pods.")
    private int alerts;

    public ComponentReplicas() {}

    public ComponentReplicas(int ingest, int scoring, int alerts) {
        this.ingest = ingest;
        this.scoring = scoring;
        this.alerts = alerts;
    }

    public int getIngest() {
        return ingest;
    }

    public void setIngest(int ingest) {
        this.ingest = ingest;
    }

    public int getScoring() {
        return scoring;
    }

    public void setScoring(int scoring) {
        this.scoring = scoring;
    }

    public int getAlerts() {
        return alerts;
    }

    public void setAlerts(int alerts) {
        this.alerts = alerts;
    }
}
