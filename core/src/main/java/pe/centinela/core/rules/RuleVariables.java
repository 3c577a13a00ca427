package pe.centinela.core.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeatureSpec;

/**
 * The names a rule may use: the transaction's fields, the model's score, and the feature catalogue's features in the
 * units a person thinks in. A feature the catalogue keeps as {@code ln(1 + x)} reads as {@code x} here
 * ({@code count_1h} is a number of transactions, {@code mean_7d} soles), flags read as booleans, and the one-hot
 * columns give way to {@code channel} and {@code mcc_group}. Absent text fields read as {@code ""}.
 */
public final class RuleVariables {

    /** The types rules see, as CEL names them. */
    public enum Type {
        BOOL,
        INT,
        DOUBLE,
        STRING
    }

    /** How a variable's value is read. */
    enum Source {
        AMOUNT_PEN,
        ORIGINAL_AMOUNT,
        CURRENCY,
        CHANNEL,
        MCC,
        MCC_GROUP,
        MERCHANT_ID,
        DEVICE_ID,
        IP,
        COUNTERPARTY,
        COUNTRY,
        ACCOUNT_ID,
        HOUR_LIMA,
        WEEKDAY_LIMA,
        SCORE,
        FEATURE,
        FEATURE_FLAG,
        FEATURE_COUNT,
        FEATURE_AMOUNT
    }

    /**
     * One name a rule may use.
     *
     * @param index       its position, the same in every rule set
     * @param name        the name in expressions
     * @param type        its CEL type
     * @param description what it holds, in plain words
     * @param source      how it is read
     * @param feature     the catalogue index it reads, or -1
     */
    public record Variable(int index, String name, Type type, String description, Source source, int feature) {}

    private static final List<Variable> ALL = build();
    private static final Map<String, Variable> BY_NAME = index(ALL);

    private RuleVariables() {}

    public static List<Variable> all() {
        return ALL;
    }

    public static Optional<Variable> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static int size() {
        return ALL.size();
    }

    private static Map<String, Variable> index(List<Variable> variables) {
        Map<String, Variable> byName = new LinkedHashMap<>();
        variables.forEach(v -> byName.put(v.name(), v));
        return Collections.unmodifiableMap(byName);
    }

    private static List<Variable> build() {
        List<Variable> v = new ArrayList<>();
        add(v, "amount_pen", Type.DOUBLE, "the amount in soles", Source.AMOUNT_PEN, -1);
        add(v, "original_amount", Type.DOUBLE, "the amount as paid, in its currency", Source.ORIGINAL_AMOUNT, -1);
        add(v, "currency", Type.STRING, "the currency it was paid in (ISO 4217: PEN, USD …)", Source.CURRENCY, -1);
        add(v, "channel", Type.STRING, "pos, ecommerce, atm, transfer or wallet", Source.CHANNEL, -1);
        add(v, "mcc", Type.STRING, "the merchant category code (ISO 18245), \"\" without one", Source.MCC, -1);
        add(
                v,
                "mcc_group",
                Type.STRING,
                "the category's group: everyday, retail, high_value, travel, cash, money_transfer, gambling,"
                        + " digital_and_bills or other",
                Source.MCC_GROUP,
                -1);
        add(v, "merchant_id", Type.STRING, "the merchant, \"\" without one", Source.MERCHANT_ID, -1);
        add(v, "device_id", Type.STRING, "the device, \"\" without one", Source.DEVICE_ID, -1);
        add(v, "ip", Type.STRING, "the IP address, \"\" without one", Source.IP, -1);
        add(
                v,
                "counterparty",
                Type.STRING,
                "the beneficiary's account of a transfer or wallet payment, \"\" without one",
                Source.COUNTERPARTY,
                -1);
        add(v, "country", Type.STRING, "the merchant's or counterparty's country (ISO 3166)", Source.COUNTRY, -1);
        add(v, "account_id", Type.STRING, "the paying account", Source.ACCOUNT_ID, -1);
        add(v, "hour_lima", Type.INT, "the hour of the day in Lima, 0–23", Source.HOUR_LIMA, -1);
        add(
                v,
                "weekday_lima",
                Type.INT,
                "the day of the week in Lima, 1 = Monday … 7 = Sunday",
                Source.WEEKDAY_LIMA,
                -1);
        add(v, "score", Type.DOUBLE, "the model's score, 0–1", Source.SCORE, -1);
        for (int i = 0; i < FeatureCatalogue.SIZE; i++) {
            FeatureSpec spec = FeatureCatalogue.feature(i);
            feature(v, spec, i);
        }
        return List.copyOf(v);
    }

    private static void feature(List<Variable> v, FeatureSpec spec, int index) {
        String name = spec.name();
        if (spec.type() == FeatureSpec.Type.ONE_HOT || name.equals("log_amount")) {
            return; // channel, mcc_group and amount_pen say the same in plain terms
        }
        if (spec.type() == FeatureSpec.Type.FLAG) {
            add(v, name, Type.BOOL, spec.description(), Source.FEATURE_FLAG, index);
            return;
        }
        String logged = "ln(1 + ";
        if (!spec.description().startsWith(logged)) {
            add(v, name, Type.DOUBLE, spec.description(), Source.FEATURE, index);
            return;
        }
        String plain = spec.description().substring(logged.length()).replaceFirst("\\)", "");
        String natural = switch (name) {
            case "log_history" -> "history_count";
            case "log_seconds_since_previous" -> "seconds_since_previous";
            default -> name;
        };
        if (natural.contains("count")) {
            add(v, natural, Type.INT, plain, Source.FEATURE_COUNT, index);
        } else {
            add(v, natural, Type.DOUBLE, plain, Source.FEATURE_AMOUNT, index);
        }
    }

    private static void add(List<Variable> v, String name, Type type, String description, Source source, int feature) {
        v.add(new Variable(v.size(), name, type, description, source, feature));
    }
}
