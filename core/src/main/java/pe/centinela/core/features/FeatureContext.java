package pe.centinela.core.features;

/**
 * The raw quantities behind one feature vector, kept so that an alert can be explained in plain words against the
 * account's own normal: every figure a reason states comes from here.
 *
 * @param count1h               the account's transactions in the hour before this one
 * @param smallCount1h          of those, the ones under S/ 10
 * @param firstAtMerchant       the account has history and never paid this merchant before. Unlike the new_merchant
 *                              feature, which only knows the merchants the account's state still remembers, this holds
 *                              only while that record is complete
 * @param firstToCounterparty   likewise for the beneficiary of a transfer or wallet payment
 * @param firstFromDevice       likewise for the device
 * @param deviceCount1h         the device's transactions in the hour before this one, any account
 * @param deviceCount1hAtLeast  the device made more transactions in that hour than are remembered: deviceCount1h is a floor
 * @param merchantRecord        the merchant's transactions and confirmed frauds over the windows that end one label delay
 *                              before this transaction, and all its history up to then
 * @param counterpartyRecord    likewise for the beneficiary
 * @param deviceRecord          likewise for the device
 * @param kindShare             the share of the transactions seen before this one with the same channel and
 *                              merchant-category group
 * @param transactionsSeen      how many transactions the pipeline saw before this one
 */
public record FeatureContext(
        double amountPen,
        double accountMeanAmount,
        long accountHistory,
        int localHour,
        int localMinute,
        double shareNearHour,
        long secondsSincePrevious,
        int count1h,
        double spent1h,
        int smallCount1h,
        boolean firstAtMerchant,
        boolean firstToCounterparty,
        boolean firstFromDevice,
        int deviceCount1h,
        boolean deviceCount1hAtLeast,
        KeyFraudCounts merchantRecord,
        KeyFraudCounts counterpartyRecord,
        KeyFraudCounts deviceRecord,
        double kindShare,
        long transactionsSeen,
        double max30d) {

    /** The record of the key of this kind ({@link FeatureCatalogue#MERCHANT_KEYS} …). */
    public KeyFraudCounts keyRecord(int kind) {
        return switch (kind) {
            case FeatureCatalogue.MERCHANT_KEYS -> merchantRecord;
            case FeatureCatalogue.COUNTERPARTY_KEYS -> counterpartyRecord;
            case FeatureCatalogue.DEVICE_KEYS -> deviceRecord;
            default -> throw new IllegalArgumentException("no key kind " + kind);
        };
    }

    /** The merchant's confirmed frauds over all its history up to one label delay ago. */
    public long merchantFrauds() {
        return merchantRecord.allFrauds();
    }

    /** The merchant's transactions over all its history up to one label delay ago. */
    public long merchantTransactions() {
        return merchantRecord.allTransactions();
    }
}
