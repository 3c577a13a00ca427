package pe.centinela.core.inference;

import static pe.centinela.core.features.FeatureCatalogue.DEVICE_KEYS;
import static pe.centinela.core.features.FeatureCatalogue.MERCHANT_KEYS;
import static pe.centinela.core.features.FeatureCatalogue.keyWindow;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import pe.centinela.core.domain.PersonalData;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureContext;
import pe.centinela.core.features.KeyFraudCounts;
import pe.centinela.core.time.LimaTime;

/**
 * The reason for weight on a merchant's, beneficiary's or device's record over the windows that end one label delay
 * before the transaction (features such as {@code counterparty_fraud_share_30d}): that record, for the window whose
 * features weigh most, e.g. "beneficiary ****1234 received 12 payments, 3 of them confirmed fraud, in the 30 days up to
 * 2026-11-18 14:05" (Lima time).
 */
final class KeyRecordReason {

    private static final String[] NOUNS = {"merchant", "beneficiary", "device"};
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(LimaTime.ZONE);

    private final int kind;
    private final String key;
    private final KeyFraudCounts record;
    private final int window;

    private KeyRecordReason(int kind, String key, KeyFraudCounts record, int window) {
        this.kind = kind;
        this.key = key;
        this.record = record;
        this.window = window;
    }

    static KeyRecordReason of(int kind, Transaction tx, FeatureContext ctx, double[] contributions) {
        return new KeyRecordReason(
                kind, shownKey(kind, tx), ctx.keyRecord(kind), weightiestWindow(kind, contributions));
    }

    /** Whether there is a record to state: the transaction names such a key and the window holds some of its transactions. */
    boolean notable() {
        return key != null && record.transactions(window) > 0;
    }

    String write(Map<String, String> params) {
        long transactions = record.transactions(window);
        long frauds = record.frauds(window);
        int days = KeyFraudCounts.days(window);
        String until = MINUTE.format(record.until());
        String noun = NOUNS[kind];
        params.put(noun, key);
        params.put("transactions", Long.toString(transactions));
        params.put("frauds", Long.toString(frauds));
        params.put("days", Integer.toString(days));
        params.put("until", until);
        String made = kind == DEVICE_KEYS
                ? " made " + transactions + " transaction"
                : " received " + transactions + " payment";
        String confirmed = transactions == 1
                ? (frauds == 1 ? "confirmed fraud" : "not confirmed fraud")
                : (frauds == 0 ? "none" : Long.toString(frauds)) + " of them confirmed fraud";
        return noun + " " + key + made + (transactions == 1 ? ", " : "s, ") + confirmed + ", in the "
                + (days == 1 ? "24 hours" : days + " days") + " up to " + until;
    }

    /** The window whose features (fraud share and transactions) carry the most weight; the longest on a tie. */
    static int weightiestWindow(int kind, double[] contributions) {
        int weightiest = KeyFraudCounts.windows() - 1;
        double most = Double.NEGATIVE_INFINITY;
        for (int w = KeyFraudCounts.windows() - 1; w >= 0; w--) {
            double weight = contributions[keyWindow(kind, w, 0)] + contributions[keyWindow(kind, w, 1)];
            if (weight > most) {
                most = weight;
                weightiest = w;
            }
        }
        return weightiest;
    }

    /** The key as an analyst may see it: merchants whole, a person's account or device masked. */
    private static String shownKey(int kind, Transaction tx) {
        return switch (kind) {
            case MERCHANT_KEYS -> tx.merchantId();
            case DEVICE_KEYS -> PersonalData.mask(tx.deviceId());
            default -> PersonalData.mask(tx.counterpartyAccount());
        };
    }
}
