package pe.centinela.operator.crd;

/** A declared rule the platform does not run, and why. */
public class RefusedRule {

    private String id;
    private String reason;

    public RefusedRule() {}

    public RefusedRule(String id, String reason) {
        this.id = id;
        this.reason = reason;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
