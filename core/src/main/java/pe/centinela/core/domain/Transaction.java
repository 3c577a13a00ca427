package pe.centinela.core.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The canonical transaction every stage works on. Amounts are in PEN; a record that arrived in another
 * currency keeps its original amount and currency.
 *
 * @param transactionId        unique id given by the source
 * @param accountId            the paying account (or card); the Kafka key of the canonical stream
 * @param amount               amount in PEN, positive
 * @param currency             always {@code PEN} after conversion
 * @param originalAmount       amount as received
 * @param originalCurrency     ISO 4217 code as received
 * @param timestamp            when the transaction happened (UTC instant)
 * @param merchantId           merchant, terminal owner, or wallet/transfer service
 * @param merchantCategoryCode ISO 18245 code, four digits
 * @param channel              pos, ecommerce, atm, transfer or wallet
 * @param deviceId             optional device or terminal id
 * @param ip                   optional client IP address
 * @param counterpartyAccount  optional beneficiary account for transfers and wallet payments
 * @param country              optional ISO 3166-1 alpha-2 country of the merchant or counterparty
 * @param fraudLabel           optional known label: {@code true} fraud, {@code false} legitimate
 * @param source               where the record came from
 * @param qualityFlags         what the data-quality checks noticed without rejecting the record, e.g.
 *                             {@code imputed:country} or {@code outlier:amount_account}
 */
public record Transaction(
        String transactionId,
        String accountId,
        BigDecimal amount,
        String currency,
        BigDecimal originalAmount,
        String originalCurrency,
        Instant timestamp,
        String merchantId,
        String merchantCategoryCode,
        Channel channel,
        String deviceId,
        String ip,
        String counterpartyAccount,
        String country,
        Boolean fraudLabel,
        SourceMetadata source,
        List<String> qualityFlags) {

    public static final String BASE_CURRENCY = "PEN";

    public Transaction {
        qualityFlags = qualityFlags == null ? List.of() : List.copyOf(qualityFlags);
    }

    /** A transaction without quality flags. */
    public Transaction(
            String transactionId,
            String accountId,
            BigDecimal amount,
            String currency,
            BigDecimal originalAmount,
            String originalCurrency,
            Instant timestamp,
            String merchantId,
            String merchantCategoryCode,
            Channel channel,
            String deviceId,
            String ip,
            String counterpartyAccount,
            String country,
            Boolean fraudLabel,
            SourceMetadata source) {
        this(
                transactionId,
                accountId,
                amount,
                currency,
                originalAmount,
                originalCurrency,
                timestamp,
                merchantId,
                merchantCategoryCode,
                channel,
                deviceId,
                ip,
                counterpartyAccount,
                country,
                fraudLabel,
                source,
                List.of());
    }

    public Transaction withSource(SourceMetadata newSource) {
        return new Transaction(
                transactionId,
                accountId,
                amount,
                currency,
                originalAmount,
                originalCurrency,
                timestamp,
                merchantId,
                merchantCategoryCode,
                channel,
                deviceId,
                ip,
                counterpartyAccount,
                country,
                fraudLabel,
                newSource,
                qualityFlags);
    }

    public Transaction withParties(String newAccountId, String newCounterpartyAccount) {
        return new Transaction(
                transactionId,
                newAccountId,
                amount,
                currency,
                originalAmount,
                originalCurrency,
                timestamp,
                merchantId,
                merchantCategoryCode,
                channel,
                deviceId,
                ip,
                newCounterpartyAccount,
                country,
                fraudLabel,
                source,
                qualityFlags);
    }

    /** This transaction as labelled: fraud, legitimate, or (null) not known. */
    public Transaction withFraudLabel(Boolean label) {
        return new Transaction(
                transactionId,
                accountId,
                amount,
                currency,
                originalAmount,
                originalCurrency,
                timestamp,
                merchantId,
                merchantCategoryCode,
                channel,
                deviceId,
                ip,
                counterpartyAccount,
                country,
                label,
                source,
                qualityFlags);
    }

    public Transaction withQuality(List<String> flags, String imputedCountry, String imputedMcc) {
        return new Transaction(
                transactionId,
                accountId,
                amount,
                currency,
                originalAmount,
                originalCurrency,
                timestamp,
                merchantId,
                imputedMcc,
                channel,
                deviceId,
                ip,
                counterpartyAccount,
                imputedCountry,
                fraudLabel,
                source,
                flags);
    }

    public double amountPen() {
        return amount.doubleValue();
    }
}
