package pe.centinela.core.rules;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.MccGroup;
import pe.centinela.core.time.LimaTime;

/**
 * What rules read about one transaction: the transaction, its feature row and the model's score, behind the names of
 * {@link RuleVariables}. One instance is reused for every transaction a thread evaluates: {@link #set} replaces what
 * it holds and reading a value allocates nothing. Not thread-safe.
 */
public final class RuleInput {

    private static final List<String> MCC_GROUPS = java.util.Arrays.stream(MccGroup.values())
            .map(g -> g.name().toLowerCase(Locale.ROOT))
            .toList();

    private Transaction transaction;
    private double[] features;
    private double score;
    /** What is costly to read is read once per transaction, when a rule first asks: these say what is known. */
    private boolean amountsRead;

    private boolean timeRead;
    private double amountPen;
    private double originalAmount;
    private int hour;
    private int weekday;
    private String mccGroup;
    private final double[] derived = new double[RuleVariables.size()];
    private final long[] derivedFor = new long[RuleVariables.size()];
    private long generation;

    /**
     * Holds one transaction from now on.
     *
     * @param transaction the transaction as scored
     * @param features    its feature row in catalogue order (the last step of a sequence model's input)
     * @param score       the model's score
     */
    public RuleInput set(Transaction transaction, double[] features, double score) {
        this.transaction = transaction;
        this.features = features;
        this.score = score;
        this.amountsRead = false;
        this.timeRead = false;
        this.mccGroup = null;
        this.generation++;
        return this;
    }

    private void readAmounts() {
        amountPen = transaction.amount().doubleValue();
        originalAmount = transaction.originalAmount() == null
                ? amountPen
                : transaction.originalAmount().doubleValue();
        amountsRead = true;
    }

    private void readTime() {
        Instant at = transaction.timestamp();
        hour = LimaTime.hour(at);
        weekday = LimaTime.dayOfWeek(at);
        timeRead = true;
    }

    /** {@code e^x - 1} of a feature kept as {@code ln(1 + x)}, once per transaction however many rules read it. */
    private double unlogged(RuleVariables.Variable v) {
        int i = v.index();
        if (derivedFor[i] != generation) {
            derived[i] = Math.expm1(features[v.feature()]);
            derivedFor[i] = generation;
        }
        return derived[i];
    }

    public Transaction transaction() {
        return transaction;
    }

    /** A {@code double} variable. */
    public double number(RuleVariables.Variable v) {
        return switch (v.source()) {
            case AMOUNT_PEN -> {
                if (!amountsRead) {
                    readAmounts();
                }
                yield amountPen;
            }
            case ORIGINAL_AMOUNT -> {
                if (!amountsRead) {
                    readAmounts();
                }
                yield originalAmount;
            }
            case SCORE -> score;
            case FEATURE -> features[v.feature()];
            case FEATURE_AMOUNT -> unlogged(v);
            default -> throw new IllegalArgumentException(v.name() + " is not a double");
        };
    }

    /** An {@code int} variable. */
    public long integer(RuleVariables.Variable v) {
        return switch (v.source()) {
            case HOUR_LIMA -> {
                if (!timeRead) {
                    readTime();
                }
                yield hour;
            }
            case WEEKDAY_LIMA -> {
                if (!timeRead) {
                    readTime();
                }
                yield weekday;
            }
            case FEATURE_COUNT -> Math.round(unlogged(v));
            default -> throw new IllegalArgumentException(v.name() + " is not an int");
        };
    }

    /** A {@code bool} variable. */
    public boolean flag(RuleVariables.Variable v) {
        if (v.source() != RuleVariables.Source.FEATURE_FLAG) {
            throw new IllegalArgumentException(v.name() + " is not a bool");
        }
        return features[v.feature()] > 0.5;
    }

    /** A {@code string} variable; absent fields read as {@code ""}. */
    public String text(RuleVariables.Variable v) {
        String value = switch (v.source()) {
            case CURRENCY ->
                transaction.originalCurrency() == null ? transaction.currency() : transaction.originalCurrency();
            case CHANNEL ->
                transaction.channel() == null ? null : transaction.channel().code();
            case MCC -> transaction.merchantCategoryCode();
            case MCC_GROUP -> {
                if (mccGroup == null) {
                    mccGroup = MCC_GROUPS.get(
                            MccGroup.of(transaction.merchantCategoryCode()).ordinal());
                }
                yield mccGroup;
            }
            case MERCHANT_ID -> transaction.merchantId();
            case DEVICE_ID -> transaction.deviceId();
            case IP -> transaction.ip();
            case COUNTERPARTY -> transaction.counterpartyAccount();
            case COUNTRY -> transaction.country();
            case ACCOUNT_ID -> transaction.accountId();
            default -> throw new IllegalArgumentException(v.name() + " is not a string");
        };
        return value == null ? "" : value;
    }

    /** Any variable, boxed as CEL's runtime takes it. */
    public Object value(RuleVariables.Variable v) {
        return switch (v.type()) {
            case BOOL -> flag(v);
            case INT -> integer(v);
            case DOUBLE -> number(v);
            case STRING -> text(v);
        };
    }
}
