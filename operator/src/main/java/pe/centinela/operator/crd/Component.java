package pe.centinela.operator.crd;

import java.util.Locale;

/** The platform's roles, each run as its own Deployment with {@code run --role <role>}. */
public enum Component {
    INGEST,
    SCORING,
    ALERTS;

    /** The role name given to {@code fraud run --role}, also the suffix of the Deployment's name. */
    public String role() {
        return name().toLowerCase(Locale.ROOT);
    }
}
