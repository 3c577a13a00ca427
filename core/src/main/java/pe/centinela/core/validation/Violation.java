package pe.centinela.core.validation;

/**
 * One reason a record was rejected.
 *
 * @param field   the canonical field at fault, or {@code record} for the whole record
 * @param code    machine-readable reason, e.g. {@code missing}, {@code not_positive}, {@code malformed_json}
 * @param message plain-words explanation
 */
public record Violation(String field, String code, String message) {
}
