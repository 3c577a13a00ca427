package pe.centinela.core.mapping;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Where one canonical field comes from: a source column with an optional format and value table, or a constant. */
record FieldSpec(String column, String format, Map<String, String> table, String fallback, String constant) {

    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

    static FieldSpec parse(String canonical, String source) {
        if (source.startsWith("const(") && source.endsWith(")")) {
            return new FieldSpec(null, null, null, null, source.substring(6, source.length() - 1));
        }
        int colon = source.indexOf(':');
        String column = colon < 0 ? source : source.substring(0, colon);
        String format = colon < 0 ? null : source.substring(colon + 1).trim();
        if (column.isBlank()) {
            throw new MappingException("mapping " + canonical + "=" + source + " names no source column");
        }
        if (format != null && format.startsWith("map(") && format.endsWith(")")) {
            Map<String, String> table = new HashMap<>();
            String fallback = null;
            for (String pair : format.substring(4, format.length() - 1).split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new MappingException("mapping " + canonical + ": '" + pair
                            + "' in map(...) is not of the form value=replacement");
                }
                String from = pair.substring(0, eq).trim();
                String to = pair.substring(eq + 1).trim();
                if ("*".equals(from)) {
                    fallback = to;
                } else {
                    table.put(from, to);
                }
            }
            return new FieldSpec(column.trim(), null, table, fallback, null);
        }
        if (format != null && ("timestamp".equals(canonical) || "extracted_at".equals(canonical))) {
            checkTimestampFormat(canonical, format);
        }
        if (format != null && "fraud_label".equals(canonical) && !"bool".equals(format)) {
            throw new MappingException(
                    "mapping fraud_label: unknown format '" + format + "', expected bool or map(...)");
        }
        return new FieldSpec(column.trim(), format, null, null, null);
    }

    private static void checkTimestampFormat(String canonical, String format) {
        if (format.equals("iso") || format.equals("epoch_seconds") || format.equals("epoch_millis")) {
            return;
        }
        try {
            formatter(format);
        } catch (IllegalArgumentException e) {
            throw new MappingException("mapping " + canonical + ": '" + format
                    + "' is neither iso, epoch_seconds, epoch_millis nor a date pattern such as dd/MM/yyyy HH:mm");
        }
    }

    static DateTimeFormatter formatter(String pattern) {
        return FORMATTERS.computeIfAbsent(pattern, DateTimeFormatter::ofPattern);
    }

    String translate(String raw) {
        if (table == null) {
            return raw;
        }
        String mapped = table.get(raw.trim());
        if (mapped != null) {
            return mapped;
        }
        return fallback != null ? fallback : raw;
    }
}
