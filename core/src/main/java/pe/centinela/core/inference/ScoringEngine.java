package pe.centinela.core.inference;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Decision;
import pe.centinela.core.domain.RuleHit;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeatureContext;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.rules.DecisionPolicy;
import pe.centinela.core.rules.RuleBook;
import pe.centinela.core.rules.RuleInput;

/**
 * Scores micro-batches of transactions: {@link #prepare} takes features in order and updates each account's
 * history (fast, may run on an event loop); {@link AnomalyScorer#score} runs the network for the whole batch in one
 * call (slow, off the event loop); {@link #complete} turns scores into score records and alerts.
 * Not thread-safe: one engine per consumer, and batches of one engine are prepared in order.
 */
public final class ScoringEngine {

    /** A review threshold that marks nothing. */
    public static final double NO_REVIEW = Double.POSITIVE_INFINITY;

    private final FeaturePipeline features;
    private final ReasonWriter reasons = new ReasonWriter();
    private final Clock clock;
    private volatile ModelSet models;
    private volatile RuleBook rules = RuleBook.EMPTY;

    /** A model in force and its threshold. */
    public record ActiveModel(String version, Scorer scorer, double alertThreshold) {}

    /**
     * The models in force: the active one; optionally a canary that scores (and alerts for) a share of the accounts,
     * each account always with the same model; and optionally a shadow that scores everything beside them and
     * raises no alert.
     */
    public record ModelSet(
            ActiveModel active,
            ActiveModel canary,
            double canaryShare,
            ActiveModel shadow,
            double reviewThreshold,
            double declineThreshold) {

        public static ModelSet of(ActiveModel active) {
            return new ModelSet(active, null, 0, null, NO_REVIEW, DecisionPolicy.NEVER);
        }

        /** Marked for review: at or above the review threshold, below the alert threshold. */
        public boolean forReview(double score, ActiveModel model) {
            return score >= reviewThreshold && score < model.alertThreshold();
        }

        /** The model that scores this account's transactions. */
        public ActiveModel forAccount(String accountId) {
            return canary != null && CanaryRouting.inCanary(accountId, canaryShare) ? canary : active;
        }
    }

    /**
     * A batch with its features taken, ready for the networks: the models' input rows, each transaction's own feature
     * row (the same array as its input row unless the model reads sequences) and the rules in force when it was
     * prepared.
     */
    public record PreparedBatch(
            List<Transaction> transactions,
            double[][] rows,
            double[][] features,
            FeatureContext[] contexts,
            ModelSet models,
            RuleBook rules) {
        public int size() {
            return transactions.size();
        }

        public ActiveModel model() {
            return models.active();
        }
    }

    /**
     * The scores of a batch: each row's, the model that gave it, the shadow's score when there is a shadow, the rules
     * that held and the decision.
     */
    public record BatchScores(
            Scorer.RowScore[] scores,
            ActiveModel[] scoredBy,
            double[] shadowScores,
            List<RuleHit>[] hits,
            Decision[] decisions) {}

    /** What scoring one transaction produced. */
    public record Outcome(ScoreRecord score, Alert alert) {
        public boolean alerted() {
            return alert != null;
        }
    }

    public ScoringEngine(ActiveModel model, Clock clock, FeaturePipeline features) {
        this.models = ModelSet.of(model);
        this.clock = clock;
        this.features = features;
    }

    public ScoringEngine(ActiveModel model, Clock clock) {
        this(model, clock, new FeaturePipeline());
    }

    public void activate(ActiveModel model) {
        activate(ModelSet.of(model));
    }

    /** Puts models in force from the next prepared batch on; they must all take the same input. */
    public void activate(ModelSet set) {
        int steps = set.active().scorer().sequenceLength();
        for (ActiveModel other : new ActiveModel[] {set.canary(), set.shadow()}) {
            if (other != null && other.scorer().sequenceLength() != steps) {
                throw new IllegalArgumentException("model " + other.version() + " takes sequences of "
                        + other.scorer().sequenceLength() + " transactions but "
                        + set.active().version() + " takes " + steps + ": they cannot score the same rows");
            }
        }
        this.models = set;
    }

    /** Puts rules in force from the next prepared batch on. */
    public void activate(RuleBook book) {
        this.rules = book;
    }

    public RuleBook rules() {
        return rules;
    }

    public ActiveModel activeModel() {
        return models.active();
    }

    public ModelSet models() {
        return models;
    }

    public int accountsTracked() {
        return features.accountsTracked();
    }

    public PreparedBatch prepare(List<Transaction> transactions) {
        ModelSet set = models;
        ActiveModel model = set.active();
        int steps = model == null ? 1 : model.scorer().sequenceLength();
        if (steps > 1 && steps != features.sequenceLength()) {
            throw new IllegalStateException("model " + model.version() + " takes sequences of " + steps
                    + " transactions, the features keep " + features.sequenceLength());
        }
        int n = transactions.size();
        double[][] rows = new double[n][];
        double[][] plain = new double[n][];
        FeatureContext[] contexts = new FeatureContext[n];
        for (int i = 0; i < n; i++) {
            if (steps > 1) {
                rows[i] = new double[steps * FeatureCatalogue.SIZE];
                plain[i] = new double[FeatureCatalogue.SIZE];
                contexts[i] = features.next(transactions.get(i), plain[i], rows[i]);
            } else {
                rows[i] = new double[FeatureCatalogue.SIZE];
                plain[i] = rows[i];
                contexts[i] = features.next(transactions.get(i), rows[i]);
            }
        }
        return new PreparedBatch(transactions, rows, plain, contexts, set, rules);
    }

    /**
     * Runs the networks (one call per model over the rows it scores), then the rules with the scores, and decides. Slow:
     * call it off the event loop.
     */
    @SuppressWarnings("ReferenceEquality") // which of the set's model instances scores a row: identity is the question
    public BatchScores score(PreparedBatch batch) {
        ModelSet set = batch.models();
        int n = batch.size();
        ActiveModel[] scoredBy = new ActiveModel[n];
        int canaryRows = 0;
        for (int i = 0; i < n; i++) {
            scoredBy[i] = set.forAccount(batch.transactions().get(i).accountId());
            canaryRows += scoredBy[i] == set.active() ? 0 : 1;
        }
        Scorer.RowScore[] scores = canaryRows == 0
                ? set.active().scorer().score(batch.rows(), set.active().alertThreshold())
                : split(batch.rows(), scoredBy, set);
        double[] shadow = null;
        if (set.shadow() != null) {
            Scorer.RowScore[] shadowScores = set.shadow().scorer().score(batch.rows(), Double.POSITIVE_INFINITY);
            shadow = new double[n];
            for (int i = 0; i < n; i++) {
                shadow[i] = shadowScores[i].score();
            }
        }
        @SuppressWarnings({"unchecked", "rawtypes"}) // an array of lists, one per row
        List<RuleHit>[] hits = new List[n];
        Decision[] decisions = decide(batch, scores, scoredBy, hits);
        return new BatchScores(scores, scoredBy, shadow, hits, decisions);
    }

    /**
     * Evaluates the batch's rules with each row's score and combines them into decisions; a row held or stopped by a
     * rule below the model's alert threshold gets its explanation computed now, so its alert says why too.
     */
    private static Decision[] decide(
            PreparedBatch batch, Scorer.RowScore[] scores, ActiveModel[] scoredBy, List<RuleHit>[] hits) {
        RuleBook book = batch.rules();
        double declineThreshold = batch.models().declineThreshold();
        RuleInput input = new RuleInput();
        Decision[] decisions = new Decision[scores.length];
        List<Integer> unexplained = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            double score = scores[i].score();
            hits[i] = book.isEmpty()
                    ? List.of()
                    : book.evaluate(input.set(batch.transactions().get(i), batch.features()[i], score));
            decisions[i] = DecisionPolicy.decide(score, scoredBy[i].alertThreshold(), declineThreshold, hits[i]);
            if (decisions[i] != Decision.APPROVE && scores[i].contributions() == null) {
                unexplained.add(i);
            }
        }
        explain(batch, scores, scoredBy, unexplained);
        return decisions;
    }

    /** The explanations of rows held or stopped below their model's alert threshold, one call per model. */
    @SuppressWarnings("ReferenceEquality") // as in score: the instance, not an equal model
    private static void explain(
            PreparedBatch batch, Scorer.RowScore[] scores, ActiveModel[] scoredBy, List<Integer> rows) {
        while (!rows.isEmpty()) {
            ActiveModel model = scoredBy[rows.get(0)];
            List<Integer> mine = rows.stream().filter(i -> scoredBy[i] == model).toList();
            double[][] subset = new double[mine.size()][];
            for (int k = 0; k < subset.length; k++) {
                subset[k] = batch.rows()[mine.get(k)];
            }
            Scorer.RowScore[] explained = model.scorer().score(subset, 0);
            for (int k = 0; k < subset.length; k++) {
                scores[mine.get(k)] = explained[k];
            }
            rows = rows.stream().filter(i -> scoredBy[i] != model).toList();
        }
    }

    @SuppressWarnings("ReferenceEquality") // as in score: the instance, not an equal model
    private static Scorer.RowScore[] split(double[][] rows, ActiveModel[] scoredBy, ModelSet set) {
        Scorer.RowScore[] scores = new Scorer.RowScore[rows.length];
        for (ActiveModel model : new ActiveModel[] {set.active(), set.canary()}) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                if (scoredBy[i] == model) {
                    mine.add(i);
                }
            }
            double[][] subset = new double[mine.size()][];
            for (int k = 0; k < subset.length; k++) {
                subset[k] = rows[mine.get(k)];
            }
            Scorer.RowScore[] partial =
                    subset.length == 0 ? new Scorer.RowScore[0] : model.scorer().score(subset, model.alertThreshold());
            for (int k = 0; k < partial.length; k++) {
                scores[mine.get(k)] = partial[k];
            }
        }
        return scores;
    }

    /**
     * Score records and alerts for a scored batch, with the decisions {@link #score} took. A review or a decline
     * raises an alert.
     */
    public List<Outcome> complete(PreparedBatch batch, BatchScores batchScores) {
        Instant now = clock.instant();
        ModelSet set = batch.models();
        ActiveModel shadow = set.shadow();
        Scorer.RowScore[] scores = batchScores.scores();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Transaction tx = batch.transactions().get(i);
            ActiveModel model = batchScores.scoredBy()[i];
            double score = scores[i].score();
            List<RuleHit> hits = batchScores.hits()[i];
            Decision decision = batchScores.decisions()[i];
            boolean alert = decision != Decision.APPROVE;
            Double shadowScore = shadow == null ? null : batchScores.shadowScores()[i];
            ScoreRecord record = new ScoreRecord(
                    tx.transactionId(),
                    tx.accountId(),
                    score,
                    model.version(),
                    model.alertThreshold(),
                    alert,
                    tx.timestamp(),
                    now,
                    tx.amount(),
                    tx.originalAmount(),
                    tx.originalCurrency(),
                    tx.merchantId(),
                    tx.merchantCategoryCode(),
                    tx.channel(),
                    shadow == null ? null : shadow.version(),
                    shadowScore,
                    shadow == null ? null : shadowScore >= shadow.alertThreshold(),
                    set.forReview(score, model),
                    decision,
                    hits,
                    tx.deviceId(),
                    tx.ip(),
                    tx.counterpartyAccount());
            Alert raised = alert
                    ? new Alert(
                            Alert.idFor(tx.transactionId()),
                            tx,
                            score,
                            model.alertThreshold(),
                            model.version(),
                            reasons.explain(tx, batch.contexts()[i], scores[i].contributions()),
                            now,
                            decision,
                            hits)
                    : null;
            outcomes.add(new Outcome(record, raised));
        }
        return outcomes;
    }
}
