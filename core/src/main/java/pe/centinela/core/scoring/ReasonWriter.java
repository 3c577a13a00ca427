package pe.centinela.core.scoring;

import static pe.centinela.core.features.FeatureCatalogue.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pe.centinela.core.features.FeatureContext;
import pe.centinela.core.features.MccGroup;
import pe.centinela.core.model.Reason;
import pe.centinela.core.model.Transaction;

/**
 * Turns per-feature contributions into plain-words reasons against the account's own normal, e.g.
 * "amount S/ 2,300.00 is 12× this account's average of S/ 190.00".
 */
public final class ReasonWriter {

    private static final int MAX_REASONS = 3;
    private static final double MIN_SHARE = 0.08;

    enum Topic { AMOUNT, SMALL_PAYMENTS, TIME_OF_DAY, VELOCITY, SPENT_LAST_HOUR, NEW_MERCHANT, NEW_BENEFICIARY, NEW_DEVICE, SHARED_DEVICE,
        RISKY_MERCHANT, ABROAD, CATEGORY, NEW_ACCOUNT }

    /** Explains a row from its per-feature contributions (any non-negative attribution, e.g. squared reconstruction error). */
    public List<Reason> explain(Transaction tx, FeatureContext ctx, double[] contributions) {
        double total = 0;
        double[] byTopic = new double[Topic.values().length];
        for (int j = 0; j < contributions.length; j++) {
            byTopic[topicOf(j).ordinal()] += contributions[j];
            total += contributions[j];
        }
        List<Topic> ranked = new ArrayList<>(List.of(Topic.values()));
        ranked.sort(Comparator.comparingDouble((Topic t) -> byTopic[t.ordinal()]).reversed());
        List<Reason> reasons = new ArrayList<>(MAX_REASONS);
        for (Topic topic : ranked) {
            double share = total <= 0 ? 0 : byTopic[topic.ordinal()] / total;
            if (reasons.size() == MAX_REASONS || share < MIN_SHARE) {
                break;
            }
            if (notable(topic, tx, ctx)) {
                reasons.add(describe(topic, share, tx, ctx));
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(new Reason("unusual_combination", 1.0,
                    "an unusual combination of amount, time, channel and history for this account", Map.of()));
        }
        return reasons;
    }

    /** Whether the transaction really departs from the norm on this topic, so that the sentence is true of it. */
    static boolean notable(Topic topic, Transaction tx, FeatureContext ctx) {
        double mean = ctx.accountMeanAmount();
        return switch (topic) {
            case AMOUNT -> ctx.accountHistory() == 0 ? ctx.amountPen() >= 500 : ctx.amountPen() >= 2 * mean || ctx.amountPen() <= 0.2 * mean;
            case SMALL_PAYMENTS -> ctx.amountPen() < 10 || ctx.smallCount1h() > 0;
            case TIME_OF_DAY -> ctx.localHour() < 6 || (ctx.accountHistory() >= 5 && ctx.shareNearHour() < 0.2);
            case VELOCITY -> ctx.count1h() >= 2 || (ctx.secondsSincePrevious() >= 0 && ctx.secondsSincePrevious() < 300);
            case SPENT_LAST_HOUR -> ctx.accountHistory() > 0 && ctx.spent1h() > 0 && ctx.spent1h() + ctx.amountPen() >= 3 * mean;
            case NEW_MERCHANT -> ctx.newMerchant();
            case NEW_BENEFICIARY -> ctx.newCounterparty();
            case NEW_DEVICE -> ctx.newDevice();
            case SHARED_DEVICE -> ctx.deviceCount1h() >= 3;
            case RISKY_MERCHANT -> ctx.merchantFrauds() >= 2 && ctx.merchantFrauds() * 50 >= ctx.merchantTransactions();
            case ABROAD -> (tx.country() != null && !"PE".equals(tx.country()))
                    || (tx.originalCurrency() != null && !Transaction.BASE_CURRENCY.equals(tx.originalCurrency()));
            case CATEGORY -> true;
            case NEW_ACCOUNT -> ctx.accountHistory() < 5;
        };
    }

    static Topic topicOf(int feature) {
        if (feature >= CHANNEL_START) {
            return Topic.CATEGORY;
        }
        int keyKind = keyKindOf(feature);
        if (keyKind >= 0) {
            return keyKind == MERCHANT_KEYS ? Topic.RISKY_MERCHANT : keyKind == COUNTERPARTY_KEYS ? Topic.NEW_BENEFICIARY : Topic.SHARED_DEVICE;
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

    private Reason describe(Topic topic, double share, Transaction tx, FeatureContext ctx) {
        Map<String, String> p = new LinkedHashMap<>();
        String message = switch (topic) {
            case AMOUNT -> amount(ctx, p);
            case SMALL_PAYMENTS -> {
                int small = ctx.smallCount1h() + (ctx.amountPen() < 10 ? 1 : 0);
                p.put("count", Integer.toString(small));
                yield small == 1 ? "a payment under S/ 10.00, as card testers make" : small + " payments under S/ 10.00 within an hour, as in card testing";
            }
            case TIME_OF_DAY -> {
                p.put("time", String.format(Locale.ROOT, "%02d:%02d", ctx.localHour(), ctx.localMinute()));
                p.put("share", percent(ctx.shareNearHour()));
                if (ctx.accountHistory() < 5) {
                    yield p.get("time") + " in Lima, at night";
                }
                yield ctx.shareNearHour() == 0
                        ? p.get("time") + " in Lima; this account never pays near this hour"
                        : p.get("time") + " in Lima; only " + p.get("share") + " of this account's payments happen near this hour";
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
                p.put("beneficiary", pe.centinela.core.model.PersonalData.mask(tx.counterpartyAccount()));
                yield ctx.newCounterparty() ? "first payment to beneficiary " + p.get("beneficiary") : "payment to beneficiary " + p.get("beneficiary");
            }
            case NEW_DEVICE -> ctx.newDevice() ? "from a device this account never used" : "device pattern unusual for this account";
            case SHARED_DEVICE -> {
                p.put("count", Integer.toString(ctx.deviceCount1h()));
                yield "the device made " + ctx.deviceCount1h() + " other transactions in the last hour";
            }
            case RISKY_MERCHANT -> {
                p.put("frauds", Long.toString(ctx.merchantFrauds()));
                p.put("labelled", Long.toString(ctx.merchantTransactions()));
                yield "merchant " + tx.merchantId() + " has " + ctx.merchantFrauds() + " confirmed frauds among " + ctx.merchantTransactions()
                        + " payments old enough to be reviewed";
            }
            case ABROAD -> {
                p.put("country", String.valueOf(tx.country()));
                p.put("currency", String.valueOf(tx.originalCurrency()));
                yield "paid abroad or in a foreign currency (" + p.get("country") + ", " + p.get("currency") + ")";
            }
            case CATEGORY -> {
                p.put("channel", tx.channel().code());
                p.put("category", MccGroup.of(tx.merchantCategoryCode()).description());
                yield "a kind of payment rare in normal traffic: " + p.get("channel") + " at " + p.get("category")
                        + " (MCC " + tx.merchantCategoryCode() + ")";
            }
            case NEW_ACCOUNT -> {
                p.put("history", Long.toString(ctx.accountHistory()));
                yield "account with little history (" + ctx.accountHistory() + " earlier transactions)";
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

    private static String velocity(FeatureContext ctx, Map<String, String> p) {
        p.put("count", Integer.toString(ctx.count1h() + 1));
        if (ctx.secondsSincePrevious() >= 0) {
            p.put("seconds", Long.toString(ctx.secondsSincePrevious()));
        }
        if (ctx.count1h() >= 1) {
            return p.get("count") + " transactions within an hour, the last " + readableGap(ctx.secondsSincePrevious()) + " after the one before";
        }
        return ctx.secondsSincePrevious() < 0 ? "first transaction seen for this account"
                : "first transaction in " + readableGap(ctx.secondsSincePrevious());
    }

    private static String readableGap(long seconds) {
        if (seconds < 120) {
            return seconds + " seconds";
        }
        if (seconds < 7_200) {
            return seconds / 60 + " minutes";
        }
        if (seconds < 172_800) {
            return seconds / 3_600 + " hours";
        }
        return seconds / 86_400 + " days";
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }

}
