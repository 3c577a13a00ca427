package pe.centinela.core.validation;

/**
 * One reason a record was rejected.
 *
 * @param field   the canonical field at fault, or {@code record} for the whole record
 * @param code    machine-readable reason, e.g. {@code missing}, {@code not_positive}, {@code malformed_json}
 * @param message plain-words explanation
 * @param column  for files, the 1-based column the field came from; otherwise null
 */
public record Violation(String field, String code, String message, Integer column) {

    public Violation(String field, String code, String message) {
        this(field, code, message, null);
    }

    public Violation atColumn(Integer sourceColumn) {
        return new Violation(field, code, message, sourceColumn);
    }
}
