package pe.centinela.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * The answer scoring sends back for a transaction that asked for one (an inline decision): the same decision, score
 * and rule hits the streaming path recorded for it, published on the decisions topic.
 *
 * @param transactionId the transaction decided
 * @param accountId     its account
 * @param decision      approve, review or decline
 * @param score         the model's score
 * @param modelVersion  the model that scored it
 * @param rules         the rules that held, shadow ones included
 * @param reasons       the model's reasons in plain words, for a review or a decline; empty for an approval
 * @param scoredAt      when scoring decided
 */
public record DecisionRecord(
        String transactionId,
        String accountId,
        Decision decision,
        double score,
        String modelVersion,
        List<RuleHit> rules,
        List<Reason> reasons,
        Instant scoredAt) {

    public DecisionRecord {
        rules = rules == null ? List.of() : List.copyOf(rules);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The Kafka header naming the topic a transaction's decision is sent to. */
    public static final String REPLY_TO_HEADER = "centinela-reply-to";

    /** The record for a score and, when it raised one, its alert. */
    public static DecisionRecord of(ScoreRecord score, Alert alert) {
        return new DecisionRecord(
                score.transactionId(),
                score.accountId(),
                score.decision(),
                score.score(),
                score.modelVersion(),
                score.rules(),
                alert == null ? List.of() : alert.reasons(),
                score.scoredAt());
    }
}
