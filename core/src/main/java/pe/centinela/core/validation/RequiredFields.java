package pe.centinela.core.validation;

import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;

/**
 * What a record read back from one of the platform's own topics lacks before a stage can use it: one {@code missing}
 * violation per absent field, none when the record is complete. A record of the right shape with fields left out would
 * otherwise fail deep inside a stage, on every retry of its batch.
 */
public final class RequiredFields {

    private RequiredFields() {}

    /** A canonical transaction as scoring needs it: what {@link TransactionDecoder} guarantees. */
    public static List<Violation> missing(Transaction tx) {
        return new Check()
                .require("transaction_id", tx.transactionId())
                .require("account_id", tx.accountId())
                .require("amount", tx.amount())
                .require("currency", tx.currency())
                .require("timestamp", tx.timestamp())
                .require("merchant_id", tx.merchantId())
                .require("merchant_category_code", tx.merchantCategoryCode())
                .require("channel", tx.channel())
                .violations;
    }

    /** A score as the accounts' history keeps it. */
    public static List<Violation> missing(ScoreRecord score) {
        return new Check()
                .require("transaction_id", score.transactionId())
                .require("account_id", score.accountId())
                .require("model_version", score.modelVersion())
                .require("timestamp", score.timestamp())
                .require("scored_at", score.scoredAt())
                .violations;
    }

    /** An alert as the alert store keeps it, with its transaction. */
    public static List<Violation> missing(Alert alert) {
        Check check = new Check()
                .require("alert_id", alert.alertId())
                .require("model_version", alert.modelVersion())
                .require("reasons", alert.reasons())
                .require("scored_at", alert.scoredAt())
                .require("transaction", alert.transaction());
        Transaction tx = alert.transaction();
        if (tx != null) {
            check.require("transaction.transaction_id", tx.transactionId())
                    .require("transaction.account_id", tx.accountId())
                    .require("transaction.amount", tx.amount())
                    .require("transaction.currency", tx.currency())
                    .require("transaction.timestamp", tx.timestamp())
                    .require("transaction.channel", tx.channel());
        }
        return check.violations;
    }

    /** An analyst's decision as the merchant-risk features apply it. */
    public static List<Violation> missing(Label label) {
        return new Check()
                .require("transaction_id", label.transactionId())
                .require("merchant_id", label.merchantId())
                .require("decided_at", label.decidedAt())
                .violations;
    }

    private static final class Check {
        private final List<Violation> violations = new ArrayList<>();

        Check require(String field, Object value) {
            if (value == null || (value instanceof String s && s.isBlank())) {
                violations.add(new Violation(field, "missing", field + " is required"));
            }
            return this;
        }
    }
}
