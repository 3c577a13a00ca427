package pe.centinela.core.inference;

import static pe.centinela.core.features.FeatureCatalogue.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pe.centinela.core.domain.PersonalData;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureContext;
import pe.centinela.core.features.MccGroup;

/**
 * Turns per-feature contributions into plain-words reasons against the account's own normal, e.g.
 * "amount S/ 2,300.00 is 12× this account's average of S/ 190.00". Each figure a reason states is one the
 * {@link FeatureContext} holds, and a topic gives its reason only when its sentence is true of the transaction
 * ({@link #notable}); ReasonClaimsTest recomputes every claim from raw histories.
 */
public final class ReasonWriter {

    private static final int MAX_REASONS = 3;
    private static final double MIN_SHARE = 0.08;
    private static final double SMALL_PAYMENT = 10;
    /** A kind of payment is called rare under this share of the traffic seen, and only once this much traffic was seen. */
    private static final double RARE_KIND = 0.05;

    private static final long TRAFFIC_TO_CALL_RARE = 1_000;

    enum Topic {
        AMOUNT,
        SMALL_PAYMENTS,
        TIME_OF_DAY,
        VELOCITY,
        SPENT_LAST_HOUR,
        NEW_MERCHANT,
        NEW_BENEFICIARY,
        NEW_DEVICE,
        SHARED_DEVICE,
        RISKY_MERCHANT,
        ABROAD,
        CATEGORY,
        NEW_ACCOUNT,
        MERCHANT_HISTORY,
        BENEFICIARY_HISTORY,
        DEVICE_HISTORY
    }

    /** Explains a row from its per-feature contributions (any non-negative attribution, e.g. squared reconstruction error). */
    public List<Reason> explain(Transaction tx, FeatureContext ctx, double[] contributions) {
        double total = 0;
        double[] byTopic = new double[Topic.values().length];
        for (int j = 0; j < contributions.length; j++) {
            byTopic[topicOf(j).ordinal()] += contributions[j];
            total += contributions[j];
        }
        List<Topic> ranked = new ArrayList<>(List.of(Topic.values()));
        ranked.sort(
                Comparator.comparingDouble((Topic t) -> byTopic[t.ordinal()]).reversed());
        List<Reason> reasons = new ArrayList<>(MAX_REASONS);
        for (Topic topic : ranked) {
            double share = total <= 0 ? 0 : byTopic[topic.ordinal()] / total;
            if (reasons.size() == MAX_REASONS || share < MIN_SHARE) {
                break;
            }
            if (notable(topic, tx, ctx, contributions)) {
                reasons.add(describe(topic, share, tx, ctx, contributions));
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(new Reason(
                    "unusual_combination",
                    1.0,
                    "an unusual combination of amount, time, channel and history for this account",
                    Map.of()));
        }
        return reasons;
    }

    /** Whether the transaction really departs from the norm on this topic, and the topic's sentence is true of it. */
    static boolean notable(Topic topic, Transaction tx, FeatureContext ctx, double[] contributions) {
        double mean = ctx.accountMeanAmount();
        return switch (topic) {
            case AMOUNT ->
                ctx.accountHistory() == 0
                        ? ctx.amountPen() >= 500
                        : ctx.amountPen() >= 2 * mean || ctx.amountPen() <= 0.2 * mean;
            case SMALL_PAYMENTS -> ctx.amountPen() < SMALL_PAYMENT || ctx.smallCount1h() > 0;
            case TIME_OF_DAY -> ctx.localHour() < 6 || unusualHour(ctx);
            case VELOCITY ->
                ctx.count1h() >= 2 || (ctx.secondsSincePrevious() >= 0 && ctx.secondsSincePrevious() < 300);
            case SPENT_LAST_HOUR ->
                ctx.accountHistory() > 0 && ctx.spent1h() > 0 && ctx.spent1h() + ctx.amountPen() >= 3 * mean;
            case NEW_MERCHANT -> ctx.firstAtMerchant();
            case NEW_BENEFICIARY -> ctx.firstToCounterparty();
            case NEW_DEVICE -> ctx.firstFromDevice();
            case SHARED_DEVICE -> ctx.deviceCount1h() >= 3;
            case RISKY_MERCHANT -> ctx.merchantFrauds() >= 2 && ctx.merchantFrauds() * 50 >= ctx.merchantTransactions();
            case ABROAD ->
                (tx.country() != null && !"PE".equalsIgnoreCase(tx.country()))
                        || (tx.originalCurrency() != null && !Transaction.BASE_CURRENCY.equals(tx.originalCurrency()));
            case CATEGORY -> ctx.transactionsSeen() >= TRAFFIC_TO_CALL_RARE && ctx.kindShare() < RARE_KIND;
            case NEW_ACCOUNT -> ctx.accountHistory() < 5;
            case MERCHANT_HISTORY, BENEFICIARY_HISTORY, DEVICE_HISTORY ->
                KeyRecordReason.of(kindOfKey(topic), tx, ctx, contributions).notable();
        };
    }

    /** An hour at which this account, with enough history to say, rarely pays. */
    private static boolean unusualHour(FeatureContext ctx) {
        return ctx.accountHistory() >= 5 && ctx.shareNearHour() < 0.2;
    }

    static Topic topicOf(int feature) {
        if (feature >= CHANNEL_START) {
            return Topic.CATEGORY;
        }
        int keyKind = keyKindOf(feature);
        if (keyKind >= 0) {
            return keyKind == MERCHANT_KEYS
                    ? Topic.MERCHANT_HISTORY
                    : keyKind == COUNTERPARTY_KEYS ? Topic.BENEFICIARY_HISTORY : Topic.DEVICE_HISTORY;
        }
        if (feature >= WINDOW_START) {
            return (feature - WINDOW_START) % STATS_PER_WINDOW == 0 ? Topic.VELOCITY : Topic.AMOUNT;
        }
        return switch (feature) {
            case LOG_AMOUNT, AMOUNT_VS_ACCOUNT_MEAN, AMOUNT_ZSCORE_ACCOUNT, AMOUNT_VS_30D_MAX -> Topic.AMOUNT;
            case SMALL_AMOUNT, SMALL_COUNT_1H -> Topic.SMALL_PAYMENTS;
            case HOUR_SIN, HOUR_COS, NIGHT, WEEKEND, HOUR_UNUSUAL -> Topic.TIME_OF_DAY;
            case LOG_SECONDS_SINCE_PREVIOUS -> Topic.VELOCITY;
            case AMOUNT_1H_VS_MEAN -> Topic.SPENT_LAST_HOUR;
            case NEW_MERCHANT -> Topic.NEW_MERCHANT;
            case NEW_COUNTERPARTY -> Topic.NEW_BENEFICIARY;
            case NEW_DEVICE -> Topic.NEW_DEVICE;
            case DEVICE_COUNT_1H, IP_COUNT_1H -> Topic.SHARED_DEVICE;
            case MERCHANT_RISK -> Topic.RISKY_MERCHANT;
            case FOREIGN, FOREIGN_CURRENCY -> Topic.ABROAD;
            default -> Topic.NEW_ACCOUNT;
        };
    }

    private static int kindOfKey(Topic topic) {
        return switch (topic) {
            case MERCHANT_HISTORY -> MERCHANT_KEYS;
            case BENEFICIARY_HISTORY -> COUNTERPARTY_KEYS;
            case DEVICE_HISTORY -> DEVICE_KEYS;
            default -> throw new IllegalArgumentException(topic + " is not about a key's record");
        };
    }

    private Reason describe(Topic topic, double share, Transaction tx, FeatureContext ctx, double[] contributions) {
        Map<String, String> p = new LinkedHashMap<>();
        String message = switch (topic) {
            case AMOUNT -> amount(ctx, p);
            case SMALL_PAYMENTS -> smallPayments(ctx, p);
            case TIME_OF_DAY -> {
                p.put("time", String.format(Locale.ROOT, "%02d:%02d", ctx.localHour(), ctx.localMinute()));
                p.put("share", percent(ctx.shareNearHour()));
                if (!unusualHour(ctx)) {
                    yield p.get("time") + " in Lima, at night";
                }
                yield ctx.shareNearHour() == 0
                        ? p.get("time") + " in Lima; this account never pays near this hour"
                        : p.get("time") + " in Lima; only " + p.get("share")
                                + " of this account's payments happen near this hour";
            }
            case VELOCITY -> velocity(ctx, p);
            case SPENT_LAST_HOUR -> {
                p.put("spent", Money.pen(ctx.spent1h() + ctx.amountPen()));
                p.put("mean", Money.pen(ctx.accountMeanAmount()));
                yield p.get("spent") + " spent within an hour, against an average payment of " + p.get("mean");
            }
            case NEW_MERCHANT -> {
                p.put("merchant", String.valueOf(tx.merchantId()));
                yield "first payment at merchant " + p.get("merchant");
            }
            case NEW_BENEFICIARY -> {
                p.put("beneficiary", PersonalData.mask(tx.counterpartyAccount()));
                yield "first payment to beneficiary " + p.get("beneficiary");
            }
            case NEW_DEVICE -> "from a device this account never used";
            case SHARED_DEVICE -> {
                p.put("count", Integer.toString(ctx.deviceCount1h()));
                if (ctx.deviceCount1hAtLeast()) {
                    p.put("at_least", "true");
                    yield "the device made at least " + ctx.deviceCount1h() + " other transactions in the last hour";
                }
                yield "the device made " + ctx.deviceCount1h() + " other transactions in the last hour";
            }
            case RISKY_MERCHANT -> {
                p.put("frauds", Long.toString(ctx.merchantFrauds()));
                p.put("labelled", Long.toString(ctx.merchantTransactions()));
                yield "merchant " + tx.merchantId() + " has " + ctx.merchantFrauds() + " confirmed frauds among "
                        + ctx.merchantTransactions() + " payments old enough to be reviewed";
            }
            case MERCHANT_HISTORY, BENEFICIARY_HISTORY, DEVICE_HISTORY ->
                KeyRecordReason.of(kindOfKey(topic), tx, ctx, contributions).write(p);
            case ABROAD -> {
                p.put("country", String.valueOf(tx.country()));
                p.put("currency", String.valueOf(tx.originalCurrency()));
                yield "paid abroad or in a foreign currency (" + p.get("country") + ", " + p.get("currency") + ")";
            }
            case CATEGORY -> {
                p.put("channel", tx.channel().code());
                MccGroup group = MccGroup.of(tx.merchantCategoryCode());
                p.put("category", group.description());
                // translations key on the group's code, so rewording the English never breaks them
                p.put("category_code", group.name().toLowerCase(java.util.Locale.ROOT));
                p.put("share", percent(ctx.kindShare()));
                p.put("seen", Long.toString(ctx.transactionsSeen()));
                yield "a kind of payment rare in the traffic seen: " + p.get("channel") + " at " + p.get("category")
                        + " (MCC " + tx.merchantCategoryCode() + "), " + p.get("share") + " of " + p.get("seen")
                        + " transactions";
            }
            case NEW_ACCOUNT -> {
                p.put("history", Long.toString(ctx.accountHistory()));
                yield "account with little history (" + ctx.accountHistory() + " earlier transaction"
                        + (ctx.accountHistory() == 1 ? ")" : "s)");
            }
        };
        return new Reason(topic.name().toLowerCase(Locale.ROOT), Math.round(share * 100) / 100.0, message, p);
    }

    private static String amount(FeatureContext ctx, Map<String, String> p) {
        p.put("amount", Money.pen(ctx.amountPen()));
        if (ctx.accountHistory() == 0 || ctx.accountMeanAmount() <= 0) {
            return "amount " + p.get("amount") + " on an account with no history";
        }
        double ratio = ctx.amountPen() / ctx.accountMeanAmount();
        p.put("mean", Money.pen(ctx.accountMeanAmount()));
        p.put("ratio", ratio >= 10 ? Long.toString(Math.round(ratio)) : String.format(Locale.ROOT, "%.1f", ratio));
        return ratio >= 1
                ? "amount " + p.get("amount") + " is " + p.get("ratio") + "× this account's average of " + p.get("mean")
                : "amount " + p.get("amount") + " is unusually small for this account (average " + p.get("mean") + ")";
    }

    /** This payment under S/ 10, or earlier ones in the hour before it: which, and how many, as the words say. */
    private static String smallPayments(FeatureContext ctx, Map<String, String> p) {
        int earlier = ctx.smallCount1h();
        p.put("count", Integer.toString(earlier));
        p.put("amount", Money.pen(ctx.amountPen()));
        if (earlier == 0) {
            return "a payment of " + p.get("amount") + ", under S/ 10.00, as card testers make";
        }
        return (earlier == 1 ? "a payment" : earlier + " payments") + " under S/ 10.00 in the hour before this one of "
                + p.get("amount") + ", as in card testing";
    }

    private static String velocity(FeatureContext ctx, Map<String, String> p) {
        p.put("count", Integer.toString(ctx.count1h() + 1));
        if (ctx.secondsSincePrevious() >= 0) {
            p.put("seconds", Long.toString(ctx.secondsSincePrevious()));
        }
        if (ctx.count1h() >= 1) {
            return p.get("count") + " transactions within an hour, the last " + readableGap(ctx.secondsSincePrevious())
                    + " after the one before";
        }
        return ctx.secondsSincePrevious() < 0
                ? "first transaction seen for this account"
                : "first transaction in " + readableGap(ctx.secondsSincePrevious());
    }

    private static String readableGap(long seconds) {
        if (seconds < 120) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        if (seconds < 7_200) {
            return seconds / 60 + " minutes";
        }
        if (seconds < 172_800) {
            return seconds / 3_600 + " hours";
        }
        return seconds / 86_400 + " days";
    }

    /** A share in whole percent; one above zero that would round to none is "<1 %". */
    private static String percent(double share) {
        long whole = Math.round(share * 100);
        return whole == 0 && share > 0 ? "<1 %" : whole + " %";
    }
}
