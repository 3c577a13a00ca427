package pe.centinela.core.domain;

import java.time.Instant;

/**
 * An analyst's decision on an alert, published for the merchant-risk features and for retraining.
 *
 * @param transactionId the decided transaction
 * @param accountId     its account (the Kafka key)
 * @param merchantId    its merchant
 * @param fraud         true for confirmed fraud, false for a false positive
 * @param alertId       the alert decided
 * @param decidedBy     the analyst
 * @param decidedAt     when
 * @param transactionTime     when the decided transaction happened (absent from labels written before it was added)
 * @param counterpartyAccount its beneficiary, if any
 * @param deviceId            its device or terminal, if any
 */
public record Label(
        String transactionId,
        String accountId,
        String merchantId,
        boolean fraud,
        String alertId,
        String decidedBy,
        Instant decidedAt,
        Instant transactionTime,
        String counterpartyAccount,
        String deviceId) {}
