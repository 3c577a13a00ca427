package pe.centinela.core.scoring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeatureContext;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.model.Alert;
import pe.centinela.core.model.ScoreRecord;
import pe.centinela.core.model.Transaction;

/**
 * Scores micro-batches of transactions: {@link #prepare} takes features in order and updates each account's
 * history (fast, may run on an event loop); {@link AnomalyScorer#score} runs the network for the whole batch in one
 * call (slow, off the event loop); {@link #complete} turns scores into score records and alerts.
 * Not thread-safe: one engine per consumer, and batches of one engine are prepared in order.
 */
public final class ScoringEngine {

    private final FeaturePipeline features;
    private final ReasonWriter reasons = new ReasonWriter();
    private final Clock clock;
    private volatile ActiveModel active;

    /** The model in force and its threshold. */
    public record ActiveModel(String version, Scorer scorer, double alertThreshold) {
    }

    /** A batch with its features taken, ready for the network. */
    public record PreparedBatch(List<Transaction> transactions, double[][] rows, FeatureContext[] contexts, ActiveModel model) {
        public int size() {
            return transactions.size();
        }
    }

    /** What scoring one transaction produced. */
    public record Outcome(ScoreRecord score, Alert alert) {
        public boolean alerted() {
            return alert != null;
        }
    }

    public ScoringEngine(ActiveModel model, Clock clock, FeaturePipeline features) {
        this.active = model;
        this.clock = clock;
        this.features = features;
    }

    public ScoringEngine(ActiveModel model, Clock clock) {
        this(model, clock, new FeaturePipeline());
    }

    public void activate(ActiveModel model) {
        this.active = model;
    }

    public ActiveModel activeModel() {
        return active;
    }

    public int accountsTracked() {
        return features.accountsTracked();
    }

    public PreparedBatch prepare(List<Transaction> transactions) {
        ActiveModel model = active;
        int steps = model == null ? 1 : model.scorer().sequenceLength();
        if (steps > 1 && steps != features.sequenceLength()) {
            throw new IllegalStateException("model " + model.version() + " takes sequences of " + steps + " transactions, the features keep "
                    + features.sequenceLength());
        }
        int n = transactions.size();
        double[][] rows = new double[n][];
        double[] plain = new double[FeatureCatalogue.SIZE];
        FeatureContext[] contexts = new FeatureContext[n];
        for (int i = 0; i < n; i++) {
            if (steps > 1) {
                rows[i] = new double[steps * FeatureCatalogue.SIZE];
                contexts[i] = features.next(transactions.get(i), plain, rows[i]);
            } else {
                rows[i] = new double[FeatureCatalogue.SIZE];
                contexts[i] = features.next(transactions.get(i), rows[i]);
            }
        }
        return new PreparedBatch(transactions, rows, contexts, model);
    }

    public Scorer.RowScore[] score(PreparedBatch batch) {
        return batch.model().scorer().score(batch.rows(), batch.model().alertThreshold());
    }

    public List<Outcome> complete(PreparedBatch batch, Scorer.RowScore[] scores) {
        Instant now = clock.instant();
        ActiveModel model = batch.model();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Transaction tx = batch.transactions().get(i);
            double score = scores[i].score();
            boolean alert = score >= model.alertThreshold();
            ScoreRecord record = new ScoreRecord(tx.transactionId(), tx.accountId(), score, model.version(),
                    model.alertThreshold(), alert, tx.timestamp(), now, tx.amount(), tx.originalAmount(), tx.originalCurrency(),
                    tx.merchantId(), tx.merchantCategoryCode(), tx.channel());
            Alert raised = alert
                    ? new Alert(Alert.idFor(tx.transactionId()), tx, score, model.alertThreshold(), model.version(),
                            reasons.explain(tx, batch.contexts()[i], scores[i].contributions()), now)
                    : null;
            outcomes.add(new Outcome(record, raised));
        }
        return outcomes;
    }
}
