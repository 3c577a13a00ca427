package pe.centinela.core.rules;

/** A compiled rule expression: whether it holds for the transaction an input holds. */
public interface Condition {

    /**
     * Whether the condition holds. An expression that fails while evaluating (an integer overflow, say) does not hold:
     * a rule that cannot be evaluated must not decline a payment.
     */
    boolean test(RuleInput input);

    /** Whether it runs as compiled Java (the common operators) rather than in CEL's interpreter. */
    boolean compiled();
}
