package pe.centinela.core.model;

import java.util.Locale;

/** What a user may do: analysts decide alerts, supervisors also reassign and see personal data, admins manage users. */
public enum Role {
    ANALYST, SUPERVISOR, ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
