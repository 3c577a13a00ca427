package pe.centinela.core.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The score of one transaction by one model version, published for every transaction.
 *
 * @param transactionId the scored transaction
 * @param accountId     its account
 * @param score         0–1, higher is more suspicious
 * @param modelVersion  the model that scored it
 * @param threshold     the alert threshold in force
 * @param alert         whether the score crossed the threshold
 * @param timestamp     when the transaction happened
 * @param scoredAt      when it was scored
 * @param amountPen     the amount in soles
 * @param originalAmount the amount as received, in {@code originalCurrency}
 * @param originalCurrency ISO 4217
 * @param merchantId    the merchant, when there is one
 * @param merchantCategoryCode ISO 18245
 * @param channel       how it was paid
 * @param shadowVersion the shadow model that also scored it, or null
 * @param shadowScore   the shadow's score, or null
 * @param shadowAlert   whether the shadow would have raised an alert, or null
 * @param review        whether the score reached the review threshold without reaching the alert threshold: marked for
 *                      review, no alert
 * @param decision      approve, review or decline: rules and score combined ({@code core.rules.DecisionPolicy}); a
 *                      record written before rules existed reads as review when it alerted, approve otherwise
 * @param rules         the rules that held, shadow ones included (they did not count)
 * @param deviceId      the device it came from, when known: with the IP and the counterparty, what links accounts in
 *                      a case's network
 * @param ip            the IP address it came from, when known
 * @param counterpartyAccount the account a transfer or wallet payment went to, when there is one
 */
public record ScoreRecord(
        String transactionId,
        String accountId,
        double score,
        String modelVersion,
        double threshold,
        boolean alert,
        Instant timestamp,
        Instant scoredAt,
        BigDecimal amountPen,
        BigDecimal originalAmount,
        String originalCurrency,
        String merchantId,
        String merchantCategoryCode,
        Channel channel,
        String shadowVersion,
        Double shadowScore,
        Boolean shadowAlert,
        boolean review,
        Decision decision,
        List<RuleHit> rules,
        String deviceId,
        String ip,
        String counterpartyAccount) {

    public ScoreRecord {
        decision = decision != null ? decision : alert ? Decision.REVIEW : Decision.APPROVE;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A score decided by the score alone, as before rules: review when it alerted, approve otherwise. */
    public ScoreRecord(
            String transactionId,
            String accountId,
            double score,
            String modelVersion,
            double threshold,
            boolean alert,
            Instant timestamp,
            Instant scoredAt,
            BigDecimal amountPen,
            BigDecimal originalAmount,
            String originalCurrency,
            String merchantId,
            String merchantCategoryCode,
            Channel channel,
            String shadowVersion,
            Double shadowScore,
            Boolean shadowAlert,
            boolean review) {
        this(
                transactionId,
                accountId,
                score,
                modelVersion,
                threshold,
                alert,
                timestamp,
                scoredAt,
                amountPen,
                originalAmount,
                originalCurrency,
                merchantId,
                merchantCategoryCode,
                channel,
                shadowVersion,
                shadowScore,
                shadowAlert,
                review,
                null,
                null,
                null,
                null,
                null);
    }
}
