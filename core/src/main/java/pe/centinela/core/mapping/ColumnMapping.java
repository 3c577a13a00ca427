package pe.centinela.core.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import pe.centinela.core.time.LimaTime;
import pe.centinela.core.validation.Violation;

/**
 * How a business's export maps onto the canonical transaction: {@code canonical=source_column[:format]}, or
 * {@code canonical=const(VALUE)}. Formats: for {@code timestamp} {@code iso} (the default), {@code epoch_seconds},
 * {@code epoch_millis} or a date pattern such as {@code dd/MM/yyyy HH:mm} read in the mapping's time zone; for
 * {@code fraud_label} {@code bool}; for any field {@code map(a=x,b=y,*=z)} to translate values. Amounts use the
 * mapping's decimal separator.
 */
public final class ColumnMapping {

    public static final Set<String> CANONICAL_FIELDS = Set.of(
            "transaction_id",
            "account_id",
            "amount",
            "currency",
            "timestamp",
            "merchant_id",
            "merchant_category_code",
            "channel",
            "device_id",
            "ip",
            "counterparty_account",
            "country",
            "fraud_label",
            "original_amount",
            "original_currency",
            "extracted_at");
    static final List<String> REQUIRED =
            List.of("transaction_id", "account_id", "amount", "timestamp", "merchant_id", "channel");

    /** Reading options of the file. */
    public record Options(ZoneId timeZone, char decimalSeparator, char delimiter) {
        public static Options defaults() {
            return new Options(LimaTime.ZONE, '.', ',');
        }
    }

    private final Map<String, FieldSpec> specs;
    private final Options options;

    private ColumnMapping(Map<String, FieldSpec> specs, Options options) {
        this.specs = specs;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Parses {@code canonical=source[:format]} entries; keys {@code @timezone}, {@code @decimal-separator} and {@code @delimiter} set options. */
    public static ColumnMapping parse(List<String> entries, Options defaults) {
        Map<String, String> pairs = new LinkedHashMap<>();
        addEntries(pairs, entries);
        return fromPairs(pairs, defaults);
    }

    private static void addEntries(Map<String, String> pairs, List<String> entries) {
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new MappingException(
                        "mapping '" + entry + "' is not of the form canonical=source_column[:format]");
            }
            pairs.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
    }

    /** Reads a mapping file: a properties file of the same entries. */
    public static ColumnMapping load(Path file, List<String> overrides, Options defaults) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        properties.stringPropertyNames().stream()
                .sorted()
                .forEach(k -> pairs.put(k.trim(), properties.getProperty(k).trim()));
        addEntries(pairs, overrides);
        return fromPairs(pairs, defaults);
    }

    private static ColumnMapping fromPairs(Map<String, String> pairs, Options defaults) {
        Options options = defaults;
        Map<String, FieldSpec> specs = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            String key = pair.getKey();
            String value = pair.getValue();
            switch (key) {
                case "@timezone" -> options = new Options(zone(value), options.decimalSeparator(), options.delimiter());
                case "@decimal-separator" ->
                    options = new Options(options.timeZone(), singleChar(key, value), options.delimiter());
                case "@delimiter" ->
                    options = new Options(
                            options.timeZone(),
                            options.decimalSeparator(),
                            "tab".equalsIgnoreCase(value) ? '\t' : singleChar(key, value));
                default -> {
                    if (!CANONICAL_FIELDS.contains(key)) {
                        throw new MappingException("unknown canonical field '" + key + "'; known fields: "
                                + String.join(
                                        ", ", CANONICAL_FIELDS.stream().sorted().toList()));
                    }
                    specs.put(key, FieldSpec.parse(key, value));
                }
            }
        }
        for (String required : REQUIRED) {
            if (!specs.containsKey(required)) {
                throw new MappingException(
                        "no mapping for the required field '" + required + "': add " + required + "=<source column>");
            }
        }
        return new ColumnMapping(specs, options);
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (RuntimeException e) {
            throw new MappingException("@timezone '" + value + "' is not a time zone such as America/Lima or UTC");
        }
    }

    private static char singleChar(String key, String value) {
        if (value.length() != 1) {
            throw new MappingException(key + " must be a single character but is '" + value + "'");
        }
        return value.charAt(0);
    }

    /** The mapping bound to a file's header: knows which column each field comes from. */
    public Bound bind(String[] header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            columns.putIfAbsent(header[i].trim().replace("\uFEFF", ""), i);
        }
        List<BoundField> bound = new ArrayList<>();
        for (Map.Entry<String, FieldSpec> e : specs.entrySet()) {
            FieldSpec spec = e.getValue();
            int column = -1;
            if (spec.column() != null) {
                Integer index = columns.get(spec.column());
                if (index == null) {
                    throw new MappingException(
                            "mapping " + e.getKey() + "=" + spec.column() + ": the file has no column '" + spec.column()
                                    + "'; its columns are: " + String.join(", ", header));
                }
                column = index;
            }
            bound.add(new BoundField(e.getKey(), spec, column));
        }
        return new Bound(bound, options);
    }

    record BoundField(String canonical, FieldSpec spec, int column) {}

    /** Converts one row into the canonical JSON shape, recording format errors by field and column. */
    public static final class Bound {
        private final List<BoundField> fields;
        private final Options options;
        private final Map<String, Integer> columnOf = new HashMap<>();

        Bound(List<BoundField> fields, Options options) {
            this.fields = fields;
            this.options = options;
            fields.forEach(f -> columnOf.put(f.canonical(), f.column() < 0 ? null : f.column() + 1));
        }

        /** The 1-based source column of a canonical field, or null for constants and unmapped fields. */
        public Integer columnOf(String canonical) {
            return columnOf.get(canonical);
        }

        /** The result of converting a row. */
        public record Converted(ObjectNode node, List<Violation> formatErrors) {}

        public Converted convert(String[] row) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            List<Violation> errors = null;
            for (BoundField f : fields) {
                String raw = f.column() < 0 ? f.spec().constant() : (f.column() < row.length ? row[f.column()] : null);
                if (raw == null || raw.isEmpty()) {
                    continue;
                }
                String mapped = f.spec().translate(raw);
                try {
                    put(node, f.canonical(), f.spec(), mapped);
                } catch (RuntimeException e) {
                    if (errors == null) {
                        errors = new ArrayList<>(2);
                    }
                    errors.add(new Violation(
                            f.canonical(),
                            "invalid_format",
                            f.canonical() + " '" + abbreviate(raw) + "' does not match the format "
                                    + (f.spec().format() == null
                                            ? "expected"
                                            : f.spec().format())));
                }
            }
            return new Converted(node, errors == null ? List.of() : errors);
        }

        private void put(ObjectNode node, String canonical, FieldSpec spec, String value) {
            switch (canonical) {
                case "timestamp", "extracted_at" ->
                    node.put(canonical, timestamp(spec.format(), value).toString());
                case "amount", "original_amount" -> node.put(canonical, amount(value));
                case "fraud_label" -> node.put(canonical, bool(value));
                default -> node.put(canonical, value.trim());
            }
        }

        private Instant timestamp(String format, String value) {
            String v = value.trim();
            if (format == null || "iso".equals(format)) {
                try {
                    return Instant.parse(v);
                } catch (DateTimeParseException e) {
                    try {
                        return ZonedDateTime.parse(v).toInstant();
                    } catch (DateTimeParseException e2) {
                        return LocalDateTime.parse(v).atZone(options.timeZone()).toInstant();
                    }
                }
            }
            return switch (format) {
                case "epoch_seconds" -> Instant.ofEpochSecond(Long.parseLong(v));
                case "epoch_millis" -> Instant.ofEpochMilli(Long.parseLong(v));
                default -> {
                    TemporalAccessor parsed = FieldSpec.formatter(format).parse(v);
                    yield LocalDateTime.from(parsed).atZone(options.timeZone()).toInstant();
                }
            };
        }

        private BigDecimal amount(String value) {
            String v = value.trim();
            v = v.replace(" ", "").replace("\u00A0", "");
            v = options.decimalSeparator() == ',' ? v.replace(".", "").replace(',', '.') : v.replace(",", "");
            return new BigDecimal(v);
        }

        private static Boolean bool(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "1", "true", "yes", "y", "si", "sí" -> Boolean.TRUE;
                case "0", "false", "no", "n" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(value);
            };
        }
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
