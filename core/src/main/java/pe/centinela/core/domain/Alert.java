package pe.centinela.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * A transaction whose score crossed the alert threshold, with everything an analyst needs to understand it.
 *
 * @param alertId      stable id derived from the transaction id, so a redelivered alert is recognised
 * @param transaction  snapshot of the transaction as scored
 * @param score        0–1
 * @param threshold    the alert threshold in force
 * @param modelVersion the model that raised it
 * @param reasons      plain-words explanations, most important first
 * @param scoredAt     when it was scored
 * @param decision     review or decline (an approved transaction raises no alert); review for an alert stored before
 *                     rules existed
 * @param rules        the rules that held, shadow ones included, to be shown beside the model's reasons
 */
public record Alert(
        String alertId,
        Transaction transaction,
        double score,
        double threshold,
        String modelVersion,
        List<Reason> reasons,
        Instant scoredAt,
        Decision decision,
        List<RuleHit> rules) {

    public Alert {
        decision = decision == null ? Decision.REVIEW : decision;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** An alert the score alone raised: sent to review, no rule involved. */
    public Alert(
            String alertId,
            Transaction transaction,
            double score,
            double threshold,
            String modelVersion,
            List<Reason> reasons,
            Instant scoredAt) {
        this(alertId, transaction, score, threshold, modelVersion, reasons, scoredAt, Decision.REVIEW, List.of());
    }

    public static String idFor(String transactionId) {
        return "al-" + transactionId;
    }
}
