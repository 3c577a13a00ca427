package pe.centinela.core.rules;

import java.util.List;
import pe.centinela.core.domain.Decision;
import pe.centinela.core.domain.RuleHit;

/**
 * Rules and the model's score combined into one decision, always in this order:
 *
 * <ol>
 *   <li>an active {@code allow} rule holds: approve (known-good accounts, devices …);
 *   <li>an active {@code decline} rule holds: decline;
 *   <li>the score reaches the decline threshold: decline;
 *   <li>an active {@code review} rule holds, or the score reaches the alert threshold: review;
 *   <li>otherwise approve.
 * </ol>
 *
 * <p>Shadow rules never count. A review or a decline raises an alert, so an analyst sees every payment held or
 * stopped.
 */
public final class DecisionPolicy {

    /** A decline threshold that the score alone never reaches: only rules decline. */
    public static final double NEVER = Double.POSITIVE_INFINITY;

    private DecisionPolicy() {}

    /**
     * The decision for one transaction.
     *
     * @param score            the model's score
     * @param alertThreshold   the model's alert threshold: at or above it, review
     * @param declineThreshold at or above it, decline ({@link #NEVER} for rules only)
     * @param hits             the rules that held
     */
    public static Decision decide(double score, double alertThreshold, double declineThreshold, List<RuleHit> hits) {
        boolean review = false;
        boolean decline = false;
        for (RuleHit hit : hits) {
            if (!hit.acts()) {
                continue;
            }
            switch (hit.outcome()) {
                case ALLOW -> {
                    return Decision.APPROVE;
                }
                case DECLINE -> decline = true;
                case REVIEW -> review = true;
            }
        }
        if (decline || score >= declineThreshold) {
            return Decision.DECLINE;
        }
        if (review || score >= alertThreshold) {
            return Decision.REVIEW;
        }
        return Decision.APPROVE;
    }
}
