package pe.centinela.core.domain;

import java.util.Locale;

/**
 * What a user may do: analysts decide alerts, supervisors also reassign and see personal data, admins manage users;
 * an integration account only sends transactions (a bank's core system, a payment switch).
 */
public enum Role {
    ANALYST,
    SUPERVISOR,
    ADMIN,
    INTEGRATION;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
