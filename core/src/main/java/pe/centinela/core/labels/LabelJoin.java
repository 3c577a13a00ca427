package pe.centinela.core.labels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;

/**
 * Puts the labels known for a stored history on its transactions: analysts' decisions and labels imported later (a
 * chargeback file), the latest decision on a transaction winning over earlier ones and over a label the source sent
 * with it. A transaction no label names keeps what its source said, which may be nothing (null: not known).
 */
public final class LabelJoin {

    private LabelJoin() {}

    /** {@code labels} in the order they were written; of two with the same decision time the later written wins. */
    public static List<Transaction> apply(List<Transaction> transactions, Iterable<Label> labels) {
        Map<String, Label> latest = new HashMap<>();
        for (Label label : labels) {
            latest.merge(
                    label.transactionId(),
                    label,
                    (held, offered) -> offered.decidedAt().isBefore(held.decidedAt()) ? held : offered);
        }
        List<Transaction> out = new ArrayList<>(transactions.size());
        for (Transaction tx : transactions) {
            Label label = latest.get(tx.transactionId());
            out.add(label == null ? tx : tx.withFraudLabel(label.fraud()));
        }
        return out;
    }
}
