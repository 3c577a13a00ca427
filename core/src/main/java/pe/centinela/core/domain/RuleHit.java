package pe.centinela.core.domain;

/**
 * A rule that held for a transaction.
 *
 * @param ruleId        the rule
 * @param version       its version
 * @param outcome       what it asks for
 * @param shadow        true when the rule runs in shadow: recorded, not acted on
 * @param descriptionEs what it catches, in Spanish
 * @param descriptionEn the same in English
 */
public record RuleHit(
        String ruleId, int version, RuleOutcome outcome, boolean shadow, String descriptionEs, String descriptionEn) {

    /** Whether the hit counts towards the decision. */
    public boolean acts() {
        return !shadow;
    }
}
