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
 */
public record Alert(
        String alertId,
        Transaction transaction,
        double score,
        double threshold,
        String modelVersion,
        List<Reason> reasons,
        Instant scoredAt) {

    public static String idFor(String transactionId) {
        return "al-" + transactionId;
    }
}
