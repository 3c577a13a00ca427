package pe.centinela.core.labels;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import pe.centinela.core.csv.CsvReader;
import pe.centinela.core.mapping.MappingException;
import pe.centinela.core.validation.Violation;

/**
 * A file of labels that arrive late (a chargeback or confirmed-fraud export): which transaction, fraud or not, and
 * optionally when it was decided. Columns are named by {@code --map transaction_id=…}, {@code --map fraud_label=…} and
 * optionally {@code --map decided_at=…}; every row comes back read or with the line, column and field of its problem.
 */
public final class LabelFile {

    public static final String TRANSACTION_ID = "transaction_id";
    public static final String FRAUD_LABEL = "fraud_label";
    public static final String DECIDED_AT = "decided_at";
    private static final Set<String> FIELDS = Set.of(TRANSACTION_ID, FRAUD_LABEL, DECIDED_AT);
    private static final Set<String> FRAUD =
            Set.of("1", "true", "yes", "y", "si", "sí", "s", "fraud", "fraude", "chargeback", "contracargo");
    private static final Set<String> LEGITIMATE =
            Set.of("0", "false", "no", "n", "legit", "legitimate", "legítimo", "legitimo", "genuine");

    /** Source columns of each field; {@code decidedAt} may be null (then the time of the import). */
    public record Columns(String transactionId, String fraudLabel, String decidedAt) {}

    /** One row: read ({@code problem} null) or not. */
    public record Row(
            long line, String transactionId, boolean fraud, Instant decidedAt, Violation problem, String raw) {
        public boolean readable() {
            return problem == null;
        }
    }

    private LabelFile() {}

    /** Parses {@code field=column} entries. */
    public static Columns columns(List<String> entries) {
        Map<String, String> map = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String field = eq < 0 ? entry.trim() : entry.substring(0, eq).trim();
            if (eq < 0 || eq == entry.length() - 1) {
                throw new MappingException(
                        "--map " + entry + ": expected field=column, e.g. " + TRANSACTION_ID + "=id_operacion");
            }
            if (!FIELDS.contains(field)) {
                throw new MappingException("--map " + entry + ": unknown field '" + field + "'; a label file maps "
                        + TRANSACTION_ID + ", " + FRAUD_LABEL + " and optionally " + DECIDED_AT);
            }
            map.put(field, entry.substring(eq + 1).trim());
        }
        for (String required : List.of(TRANSACTION_ID, FRAUD_LABEL)) {
            if (!map.containsKey(required)) {
                throw new MappingException("no mapping for the required field '" + required + "': add --map " + required
                        + "=<source column>");
            }
        }
        return new Columns(map.get(TRANSACTION_ID), map.get(FRAUD_LABEL), map.get(DECIDED_AT));
    }

    /** Reads every row after the header; dates without a time or offset are taken in {@code zone}. */
    public static void read(Reader in, char delimiter, Columns columns, ZoneId zone, Consumer<Row> rows)
            throws IOException {
        try (CsvReader csv = new CsvReader(in, delimiter)) {
            CsvReader.Row header = csv.next(false);
            if (header == null) {
                throw new MappingException("the file is empty: expected a header naming " + columns.transactionId()
                        + " and " + columns.fraudLabel());
            }
            int id = indexOf(header.fields(), columns.transactionId(), TRANSACTION_ID);
            int label = indexOf(header.fields(), columns.fraudLabel(), FRAUD_LABEL);
            int decided = columns.decidedAt() == null ? -1 : indexOf(header.fields(), columns.decidedAt(), DECIDED_AT);
            for (CsvReader.Row row = csv.next(true); row != null; row = csv.next(true)) {
                rows.accept(parse(row, id, label, decided, zone));
            }
        }
    }

    private static Row parse(CsvReader.Row row, int id, int label, int decided, ZoneId zone) {
        String[] f = row.fields();
        String transactionId = field(f, id);
        if (transactionId.isEmpty()) {
            return bad(row, id, TRANSACTION_ID, "missing", "no transaction id");
        }
        String value = field(f, label).toLowerCase(Locale.ROOT);
        boolean fraud = FRAUD.contains(value);
        if (!fraud && !LEGITIMATE.contains(value)) {
            return bad(
                    row,
                    label,
                    FRAUD_LABEL,
                    "not_a_label",
                    "'" + field(f, label) + "' is neither fraud (1, true, yes, fraud, chargeback) nor legitimate"
                            + " (0, false, no, legit)");
        }
        Instant decidedAt = null;
        if (decided >= 0) {
            String text = field(f, decided);
            try {
                decidedAt = text.length() == 10
                        ? LocalDate.parse(text).atStartOfDay(zone).toInstant()
                        : text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")
                                ? OffsetDateTime.parse(text).toInstant()
                                : java.time.LocalDateTime.parse(text)
                                        .atZone(zone)
                                        .toInstant();
            } catch (DateTimeParseException e) {
                return bad(
                        row,
                        decided,
                        DECIDED_AT,
                        "not_a_time",
                        "'" + text + "' is not a date or time such as 2026-03-10 or 2026-03-10T14:05:00-05:00");
            }
        }
        return new Row(row.line(), transactionId, fraud, decidedAt, null, row.raw());
    }

    private static Row bad(CsvReader.Row row, int column, String field, String code, String message) {
        return new Row(row.line(), null, false, null, new Violation(field, code, message, column + 1), row.raw());
    }

    private static String field(String[] fields, int index) {
        return index < fields.length && fields[index] != null ? fields[index].trim() : "";
    }

    private static int indexOf(String[] header, String column, String field) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new MappingException(field + "=" + column + ": the file has no column '" + column + "' (its columns: "
                + String.join(", ", header) + ")");
    }
}
