package pe.centinela.core.features;

/**
 * The raw quantities behind one feature vector, kept so that an alert can be explained in plain words
 * against the account's own normal.
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
        boolean newMerchant,
        boolean newCounterparty,
        boolean newDevice,
        int deviceCount1h,
        long merchantFrauds,
        long merchantTransactions,
        double max30d) {
}
