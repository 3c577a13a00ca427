package pe.centinela.core.quality;

import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.validation.Violation;

/**
 * The checks after decoding, and the documented imputation rules:
 * <ul>
 *   <li>a missing merchant category code is imputed from the channel where it is unambiguous (transfer and wallet:
 *       4829 money transfer; atm: 6011 cash) and flagged {@code imputed:merchant_category_code}; otherwise the record is
 *       rejected as {@code missing}; a code that ISO 18245 does not assign is rejected as {@code unknown_mcc};</li>
 *   <li>a missing country is imputed as {@code PE} when the transaction was paid in soles and flagged
 *       {@code imputed:country}; otherwise it stays empty and is flagged {@code missing:country};</li>
 *   <li>values a channel normally carries are flagged when absent, never invented: {@code missing:ip} and
 *       {@code missing:device_id} for ecommerce, transfer and wallet; {@code missing:counterparty_account} for
 *       transfer and wallet;</li>
 *   <li>amounts far from the account's or the overall norm are flagged {@code outlier:amount_account} or
 *       {@code outlier:amount_global} (robust z-score above 3.5), never dropped.</li>
 * </ul>
 * Not thread-safe: one instance per source thread.
 */
public final class DataQualityChecks {

    /** The checked transaction, or why there is none. */
    public record Outcome(Transaction transaction, List<Violation> violations) {
        public boolean accepted() {
            return transaction != null;
        }
    }

    private final AmountOutliers outliers;

    public DataQualityChecks(AmountOutliers outliers) {
        this.outliers = outliers;
    }

    public Outcome check(Transaction tx) {
        List<String> flags = new ArrayList<>(tx.qualityFlags());
        String mcc = tx.merchantCategoryCode();
        if (mcc == null) {
            mcc = imputedMcc(tx.channel());
            if (mcc == null) {
                return reject(new Violation(
                        "merchant_category_code",
                        "missing",
                        "merchant_category_code is required for " + tx.channel().code() + " payments"));
            }
            flags.add("imputed:merchant_category_code");
        } else if (!MerchantCategoryCodes.isKnown(mcc)) {
            return reject(new Violation(
                    "merchant_category_code",
                    "unknown_mcc",
                    mcc + " is not an assigned ISO 18245 merchant category code"));
        }
        String country = tx.country();
        if (country == null) {
            if (Transaction.BASE_CURRENCY.equals(tx.originalCurrency())) {
                country = "PE";
                flags.add("imputed:country");
            } else {
                flags.add("missing:country");
            }
        }
        flagMissingChannelValues(tx, flags);
        AmountOutliers.Verdict verdict = outliers.check(tx.accountId(), tx.amountPen());
        if (verdict.accountOutlier()) {
            flags.add("outlier:amount_account");
        }
        if (verdict.globalOutlier()) {
            flags.add("outlier:amount_global");
        }
        return new Outcome(tx.withQuality(flags, country, mcc), List.of());
    }

    private static String imputedMcc(Channel channel) {
        return switch (channel) {
            case TRANSFER, WALLET -> "4829";
            case ATM -> "6011";
            default -> null;
        };
    }

    private static void flagMissingChannelValues(Transaction tx, List<String> flags) {
        boolean remote =
                tx.channel() == Channel.ECOMMERCE || tx.channel() == Channel.TRANSFER || tx.channel() == Channel.WALLET;
        if (remote && tx.ip() == null) {
            flags.add("missing:ip");
        }
        if (remote && tx.deviceId() == null) {
            flags.add("missing:device_id");
        }
        if ((tx.channel() == Channel.TRANSFER || tx.channel() == Channel.WALLET) && tx.counterpartyAccount() == null) {
            flags.add("missing:counterparty_account");
        }
    }

    private static Outcome reject(Violation violation) {
        return new Outcome(null, List.of(violation));
    }
}
