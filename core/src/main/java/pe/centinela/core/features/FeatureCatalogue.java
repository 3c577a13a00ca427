package pe.centinela.core.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pe.centinela.core.domain.Channel;

/**
 * Every feature the models see, in vector order, with what it means and which fraud it targets. Channels and
 * merchant-category groups ({@link MccGroup}) are one-hot encoded; everything else is numeric or a 0/1 flag.
 */
public final class FeatureCatalogue {

    public static final int LOG_AMOUNT = 0;
    public static final int AMOUNT_VS_ACCOUNT_MEAN = 1;
    public static final int AMOUNT_ZSCORE_ACCOUNT = 2;
    public static final int SMALL_AMOUNT = 3;
    public static final int HOUR_SIN = 4;
    public static final int HOUR_COS = 5;
    public static final int NIGHT = 6;
    public static final int WEEKEND = 7;
    public static final int HOUR_UNUSUAL = 8;
    public static final int LOG_SECONDS_SINCE_PREVIOUS = 9;
    public static final int AMOUNT_1H_VS_MEAN = 10;
    public static final int SMALL_COUNT_1H = 11;
    public static final int NEW_MERCHANT = 12;
    public static final int NEW_COUNTERPARTY = 13;
    public static final int NEW_DEVICE = 14;
    public static final int LOG_HISTORY = 15;
    public static final int FOREIGN = 16;
    public static final int FOREIGN_CURRENCY = 17;
    public static final int DEVICE_COUNT_1H = 18;
    public static final int IP_COUNT_1H = 19;
    public static final int MERCHANT_RISK = 20;
    public static final int AMOUNT_VS_30D_MAX = 21;
    public static final int WINDOW_START = 22;
    public static final List<String> WINDOW_NAMES = List.of("1h", "1d", "7d", "30d");
    public static final int STATS_PER_WINDOW = 5;
    public static final int COUNT_1H = window(0, 0);
    public static final int COUNT_1D = window(1, 0);
    /** Fraud share and transactions of the merchant, the beneficiary and the device over windows ending a label delay ago. */
    public static final int KEY_RISK_START = WINDOW_START + WINDOW_NAMES.size() * STATS_PER_WINDOW;

    public static final List<String> KEY_KINDS = List.of("merchant", "counterparty", "device");
    public static final int MERCHANT_KEYS = 0;
    public static final int COUNTERPARTY_KEYS = 1;
    public static final int DEVICE_KEYS = 2;
    public static final List<String> KEY_WINDOW_NAMES = List.of("1d", "7d", "30d");
    public static final int STATS_PER_KEY_WINDOW = 2;
    public static final int CHANNEL_START =
            KEY_RISK_START + KEY_KINDS.size() * KEY_WINDOW_NAMES.size() * STATS_PER_KEY_WINDOW;
    public static final int MCC_GROUP_START = CHANNEL_START + Channel.values().length;
    public static final int SIZE = MCC_GROUP_START + MccGroup.values().length;

    private static final List<FeatureSpec> FEATURES = build();

    private FeatureCatalogue() {}

    /** Index of a window statistic of the account: stat 0 count, 1 mean, 2 max, 3 standard deviation, 4 sum. */
    public static int window(int window, int stat) {
        return WINDOW_START + window * STATS_PER_WINDOW + stat;
    }

    /** Index of a key's window statistic: stat 0 fraud share, 1 transactions; kind as in {@link #KEY_KINDS}. */
    public static int keyWindow(int kind, int window, int stat) {
        return KEY_RISK_START + (kind * KEY_WINDOW_NAMES.size() + window) * STATS_PER_KEY_WINDOW + stat;
    }

    /** The kind of key ({@link #MERCHANT_KEYS} …) a feature describes, or −1 for the other features. */
    public static int keyKindOf(int feature) {
        return feature >= KEY_RISK_START && feature < CHANNEL_START
                ? (feature - KEY_RISK_START) / (KEY_WINDOW_NAMES.size() * STATS_PER_KEY_WINDOW)
                : -1;
    }

    public static List<FeatureSpec> features() {
        return FEATURES;
    }

    public static List<String> names() {
        return FEATURES.stream().map(FeatureSpec::name).toList();
    }

    public static int size() {
        return SIZE;
    }

    public static FeatureSpec feature(int index) {
        return FEATURES.get(index);
    }

    private static List<FeatureSpec> build() {
        List<FeatureSpec> f = new ArrayList<>(SIZE);
        f.add(numeric("log_amount", "ln(1 + amount in PEN)", "unusually large payments"));
        f.add(numeric(
                "amount_vs_account_mean",
                "ln((amount + 1) / (account's mean amount over its history + 1)); 0 without history",
                "amounts far above the account's norm"));
        f.add(numeric(
                "amount_zscore_account",
                "z-score of ln(amount) against the account's history, clipped to [-5, 10]; 0 under 3 transactions",
                "amounts far above the account's norm"));
        f.add(flag("small_amount", "amount below S/ 10", "card testing with tiny charges"));
        f.add(numeric("hour_sin", "sine of the time of day in America/Lima", "activity at unusual times"));
        f.add(numeric("hour_cos", "cosine of the time of day in America/Lima", "activity at unusual times"));
        f.add(flag("night", "between 00:00 and 05:59 in Lima", "account takeover at odd hours"));
        f.add(flag("weekend", "Saturday or Sunday in Lima", "activity at unusual times"));
        f.add(numeric(
                "hour_unusual",
                "1 − share of the account's history within an hour of this hour; 0.5 without history",
                "a time this account never pays at"));
        f.add(numeric(
                "log_seconds_since_previous",
                "ln(1 + seconds since the account's previous transaction); 30 days without history",
                "bursts and velocity"));
        f.add(numeric(
                "amount_1h_vs_mean",
                "ln((amount + spent in the previous hour + 1) / (mean amount + 1))",
                "draining an account quickly"));
        f.add(numeric("small_count_1h", "ln(1 + payments below S/ 10 in the previous hour)", "card testing bursts"));
        f.add(flag(
                "new_merchant",
                "the account has history but never paid this merchant",
                "compromised cards used at new merchants"));
        f.add(flag(
                "new_counterparty",
                "a transfer or wallet payment to a beneficiary never paid before",
                "account takeover draining to mule accounts"));
        f.add(flag(
                "new_device",
                "the account has history but never used this device",
                "account takeover from a new device"));
        f.add(numeric(
                "log_history",
                "ln(1 + transactions seen for the account)",
                "how much the account's norm can be trusted"));
        f.add(flag("foreign", "merchant or counterparty outside Peru", "cross-border card fraud"));
        f.add(flag("foreign_currency", "paid in a currency other than PEN", "cross-border card fraud"));
        f.add(numeric(
                "device_count_1h",
                "ln(1 + transactions from this device in the previous hour, any account)",
                "one device driving many accounts: takeover, mules"));
        f.add(numeric(
                "ip_count_1h",
                "ln(1 + transactions from this IP address in the previous hour, any account)",
                "bots and card-testing scripts"));
        f.add(numeric(
                "merchant_risk",
                "the merchant's share of confirmed fraud among all its transactions older than the label delay, smoothed towards 0.5 %",
                "compromised terminals and merchants that attract fraud"));
        f.add(numeric(
                "amount_vs_30d_max",
                "ln((amount + 1) / (largest amount of the previous 30 days + 1)); 0 without history",
                "a payment larger than anything recent"));
        String[] stats = {"count", "mean", "max", "std", "sum"};
        String[] describe = {
            "ln(1 + number of transactions)",
            "ln(1 + mean amount)",
            "ln(1 + largest amount)",
            "ln(1 + standard deviation of amounts)",
            "ln(1 + amount spent)"
        };
        for (String window : WINDOW_NAMES) {
            for (int s = 0; s < stats.length; s++) {
                f.add(numeric(
                        stats[s] + "_" + window,
                        describe[s] + " of the account in the previous " + window,
                        s == 0 ? "velocity" : "spending beyond the account's recent pattern"));
            }
        }
        String[] targets = {
            "compromised terminals and merchants that attract fraud",
            "mule accounts receiving stolen money",
            "devices and terminals used for fraud"
        };
        for (int kind = 0; kind < KEY_KINDS.size(); kind++) {
            for (String window : KEY_WINDOW_NAMES) {
                String span =
                        " over the " + window + " that end one label delay before it (0 when the transaction names no "
                                + KEY_KINDS.get(kind) + ")";
                f.add(numeric(
                        KEY_KINDS.get(kind) + "_fraud_share_" + window,
                        "share of confirmed fraud among the " + KEY_KINDS.get(kind) + "'s transactions" + span,
                        targets[kind]));
                f.add(numeric(
                        KEY_KINDS.get(kind) + "_count_" + window,
                        "ln(1 + the " + KEY_KINDS.get(kind) + "'s transactions)" + span,
                        targets[kind]));
            }
        }
        for (Channel channel : Channel.values()) {
            f.add(new FeatureSpec(
                    "channel_" + channel.code(),
                    FeatureSpec.Type.ONE_HOT,
                    "channel is " + channel.code(),
                    "channel-specific fraud"));
        }
        for (MccGroup group : MccGroup.values()) {
            f.add(new FeatureSpec(
                    "mcc_" + group.name().toLowerCase(Locale.ROOT),
                    FeatureSpec.Type.ONE_HOT,
                    "merchant category group: " + group.description(),
                    "high-risk merchant categories"));
        }
        return List.copyOf(f);
    }

    private static FeatureSpec numeric(String name, String description, String pattern) {
        return new FeatureSpec(name, FeatureSpec.Type.NUMERIC, description, pattern);
    }

    private static FeatureSpec flag(String name, String description, String pattern) {
        return new FeatureSpec(name, FeatureSpec.Type.FLAG, description, pattern);
    }
}
