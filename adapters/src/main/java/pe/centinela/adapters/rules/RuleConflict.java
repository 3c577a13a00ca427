package pe.centinela.adapters.rules;

/** A change to a rule or a list refused because of what is stored: it exists already, or changed meanwhile. */
public final class RuleConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public RuleConflict(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** A stable code for the error body: {@code exists}, {@code version_changed}, {@code in_use}. */
    public String code() {
        return code;
    }
}
