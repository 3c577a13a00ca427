package pe.centinela.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.IsoInstant;
import pe.centinela.core.json.Json;

/**
 * Reads a transaction in the canonical JSON shape, checks every field's presence, type and range, and converts the
 * amount to PEN. A missing merchant category code is left for {@link pe.centinela.core.quality.DataQualityChecks} to
 * impute or reject. Collects all
 * problems of a record instead of stopping at the first, so a dead letter says everything that is wrong with it.
 */
public final class TransactionDecoder {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

    private final Clock clock;
    private final Duration maxFutureSkew;
    private final Map<String, BigDecimal> ratesToPen;

    /** What decoding gave: a transaction, or the reasons there is none. */
    public record Result(Transaction transaction, List<Violation> violations) {
        public boolean valid() {
            return transaction != null;
        }
    }

    public TransactionDecoder(Clock clock, Duration maxFutureSkew, Map<String, BigDecimal> ratesToPen) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.ratesToPen = Map.copyOf(ratesToPen);
    }

    public Result decode(byte[] payload, SourceMetadata source) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(payload);
        } catch (IOException e) {
            return invalid(new Violation("record", "malformed_json", "not valid JSON: " + firstLine(e.getMessage())));
        }
        return decode(node, source);
    }

    /** Checks and converts an already parsed record, e.g. a mapped CSV row. */
    public Result decode(JsonNode node, SourceMetadata source) {
        if (node == null || !node.isObject()) {
            return invalid(new Violation("record", "not_an_object", "expected a JSON object"));
        }
        Fields f = new Fields(node);
        String transactionId = f.requiredText("transaction_id", 128);
        String accountId = f.requiredText("account_id", 128);
        BigDecimal amount = f.amount("amount");
        String currency = f.currency("currency", "PEN");
        Instant timestamp = f.timestamp("timestamp");
        String merchantId = f.requiredText("merchant_id", 128);
        String mcc = f.mcc("merchant_category_code");
        Channel channel = f.channel("channel");
        String deviceId = f.optionalText("device_id", 128);
        String ip = f.optionalText("ip", 64);
        String counterparty = f.optionalText("counterparty_account", 128);
        String country = f.country("country");
        Boolean label = f.optionalBoolean("fraud_label");
        BigDecimal originalAmount = f.optionalAmount("original_amount");
        Instant extractedAt = f.present("extracted_at") == null ? null : f.timestamp("extracted_at");
        String originalCurrency = f.optionalCurrency("original_currency");

        if (currency != null && !ratesToPen.containsKey(currency)) {
            f.violations.add(
                    new Violation("currency", "unsupported_currency", "no conversion rate to PEN for " + currency));
        }
        if (timestamp != null && timestamp.isAfter(clock.instant().plus(maxFutureSkew))) {
            f.violations.add(new Violation(
                    "timestamp",
                    "in_future",
                    "timestamp " + timestamp + " is more than " + maxFutureSkew + " in the future"));
        }
        if (!f.violations.isEmpty()) {
            return new Result(null, List.copyOf(f.violations));
        }
        BigDecimal pen = amount.multiply(ratesToPen.get(currency)).setScale(2, RoundingMode.HALF_UP);
        if (!"PEN".equals(currency)) {
            originalAmount = amount;
            originalCurrency = currency;
        } else if (originalAmount == null || originalCurrency == null) {
            originalAmount = amount;
            originalCurrency = currency;
        }
        SourceMetadata withExtraction = extractedAt == null || source == null
                ? source
                : new SourceMetadata(
                        source.name(), source.kind(), extractedAt, source.receivedAt(), source.schemaVersion());
        Transaction tx = new Transaction(
                transactionId,
                accountId,
                pen,
                Transaction.BASE_CURRENCY,
                originalAmount,
                originalCurrency,
                timestamp,
                merchantId,
                mcc,
                channel,
                deviceId,
                ip,
                counterparty,
                country,
                label,
                withExtraction);
        return new Result(tx, List.of());
    }

    private static Result invalid(Violation violation) {
        return new Result(null, List.of(violation));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Field readers that record a violation instead of throwing. */
    private static final class Fields {
        private final JsonNode node;
        private final List<Violation> violations = new ArrayList<>();

        Fields(JsonNode node) {
            this.node = node;
        }

        JsonNode present(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value;
        }

        String requiredText(String field, int maxLength) {
            JsonNode value = present(field);
            if (value == null || (value.isTextual() && value.asText().isBlank())) {
                violations.add(new Violation(field, "missing", field + " is required"));
                return null;
            }
            if (!value.isTextual() && !value.isIntegralNumber()) {
                violations.add(new Violation(field, "wrong_type", field + " must be a string"));
                return null;
            }
            String text = value.asText().trim();
            if (text.length() > maxLength) {
                violations.add(
                        new Violation(field, "too_long", field + " is longer than " + maxLength + " characters"));
                return null;
            }
            int control = firstControlCharacter(text);
            if (control >= 0) {
                violations.add(new Violation(
                        field,
                        "control_character",
                        String.format(
                                Locale.ROOT,
                                "%s contains the control character U+%04X at position %d",
                                field,
                                (int) text.charAt(control),
                                control + 1)));
                return null;
            }
            return text;
        }

        /** Identifiers and codes hold none; PostgreSQL cannot store U+0000 at all. */
        private static int firstControlCharacter(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isISOControl(text.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }

        String optionalText(String field, int maxLength) {
            JsonNode value = present(field);
            if (value == null || (value.isTextual() && value.asText().isBlank())) {
                return null;
            }
            return requiredText(field, maxLength);
        }

        BigDecimal amount(String field) {
            JsonNode value = present(field);
            if (value == null) {
                violations.add(new Violation(field, "missing", field + " is required"));
                return null;
            }
            BigDecimal amount = number(field, value);
            if (amount == null) {
                return null;
            }
            if (amount.signum() <= 0) {
                violations.add(new Violation(
                        field, "not_positive", field + " must be greater than zero but is " + amount.toPlainString()));
                return null;
            }
            if (amount.compareTo(MAX_AMOUNT) > 0) {
                violations.add(new Violation(
                        field,
                        "too_large",
                        field + " " + amount.toPlainString() + " is above the limit of " + MAX_AMOUNT.toPlainString()));
                return null;
            }
            return amount;
        }

        BigDecimal optionalAmount(String field) {
            return present(field) == null ? null : amount(field);
        }

        private BigDecimal number(String field, JsonNode value) {
            try {
                if (value.isNumber()) {
                    return value.decimalValue();
                }
                if (value.isTextual()) {
                    return new BigDecimal(value.asText().trim());
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            violations.add(new Violation(
                    field, "not_a_number", field + " must be a number but is " + abbreviate(value.toString())));
            return null;
        }

        String currency(String field, String fallback) {
            JsonNode value = present(field);
            if (value == null) {
                return fallback;
            }
            return currencyCode(field, value);
        }

        String optionalCurrency(String field) {
            JsonNode value = present(field);
            return value == null ? null : currencyCode(field, value);
        }

        private String currencyCode(String field, JsonNode value) {
            String code = value.asText().trim().toUpperCase(Locale.ROOT);
            if (!value.isTextual() || code.length() != 3 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                violations.add(new Violation(
                        field, "invalid_currency", field + " must be an ISO 4217 code such as PEN or USD"));
                return null;
            }
            return code;
        }

        Instant timestamp(String field) {
            JsonNode value = present(field);
            if (value == null) {
                violations.add(new Violation(field, "missing", field + " is required"));
                return null;
            }
            if (value.isIntegralNumber()) {
                return Instant.ofEpochMilli(value.asLong());
            }
            String text = value.asText().trim();
            Instant common = IsoInstant.parse(text);
            if (common != null) {
                return common;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                violations.add(new Violation(
                        field,
                        "invalid_timestamp",
                        field
                                + " must be an ISO-8601 instant with offset (e.g. 2026-11-24T10:15:30-05:00) or epoch milliseconds but is "
                                + abbreviate(text)));
                return null;
            }
        }

        String mcc(String field) {
            JsonNode value = present(field);
            if (value == null) {
                return null;
            }
            String text = value.isIntegralNumber()
                    ? String.format(Locale.ROOT, "%04d", value.asInt())
                    : value.asText().trim();
            if (text.length() != 4 || !text.chars().allMatch(Character::isDigit)) {
                violations.add(new Violation(
                        field,
                        "invalid_mcc",
                        field + " must be a four-digit ISO 18245 code but is " + abbreviate(text)));
                return null;
            }
            return text;
        }

        Channel channel(String field) {
            JsonNode value = present(field);
            if (value == null) {
                violations.add(new Violation(field, "missing", field + " is required"));
                return null;
            }
            try {
                return Channel.fromCode(value.asText());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(field, "invalid_channel", e.getMessage()));
                return null;
            }
        }

        String country(String field) {
            JsonNode value = present(field);
            if (value == null) {
                return null;
            }
            String code = value.asText().trim().toUpperCase(Locale.ROOT);
            if (code.length() != 2 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                violations.add(new Violation(
                        field, "invalid_country", field + " must be an ISO 3166-1 alpha-2 code such as PE"));
                return null;
            }
            return code;
        }

        Boolean optionalBoolean(String field) {
            JsonNode value = present(field);
            if (value == null) {
                return null;
            }
            if (value.isBoolean()) {
                return value.asBoolean();
            }
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true", "1" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE;
                default -> {
                    violations.add(new Violation(field, "wrong_type", field + " must be true or false"));
                    yield null;
                }
            };
        }

        private static String abbreviate(String text) {
            return text.length() > 40 ? "'" + text.substring(0, 40) + "…'" : "'" + text + "'";
        }
    }
}
