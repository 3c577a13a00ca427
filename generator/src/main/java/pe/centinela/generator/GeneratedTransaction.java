package pe.centinela.generator;

import java.util.Objects;
import pe.centinela.core.domain.Transaction;

/** A generated transaction together with the fraud scenario that produced it. */
public record GeneratedTransaction(Transaction transaction, FraudScenario scenario) {

    public GeneratedTransaction {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(scenario, "scenario");
    }

    public boolean fraud() {
        return scenario != FraudScenario.NONE;
    }
}
