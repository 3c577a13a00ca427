package pe.centinela.adapters.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.core.validation.DeadLetter;

/**
 * What the stages in this process did, counted once: as Micrometer meters in the process's Prometheus registry, which
 * {@code /metrics} serves and whose totals the status line and the tests read.
 */
public final class PipelineStats {

    static final String INGESTED = "centinela.transactions.ingested";
    static final String REJECTED = "centinela.transactions.rejected";
    static final String SKIPPED = "centinela.records.skipped";

    private static final double[] SCORE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 1.0};

    private final PrometheusMeterRegistry registry;
    private final Counter scored;
    private final Counter alertsRaised;
    private final Counter alertsStored;
    private final Counter alertsDuplicate;
    private final Counter labelsApplied;
    /** Micrometer rounds a distribution summary's values up to whole numbers for its buckets: scores need the client's histogram. */
    private final Histogram scores;

    private final Timer ingestBatch;
    private final Timer scoringBatch;
    private final Timer endToEnd;
    private final Timer alertStore;
    private final Counter[] decisions = new Counter[pe.centinela.core.domain.Decision.values().length];
    private final Counter ruleHits;
    private final Timer inlineDecisionLatency;
    private final Counter inlineTimedOut;
    private final Counter[] inlineDecisions = new Counter[pe.centinela.core.domain.Decision.values().length];
    private final java.util.concurrent.atomic.AtomicInteger rulesInForce =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger rulesRefused =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong rulesRevision = new java.util.concurrent.atomic.AtomicLong(-1);
    private final AtomicReference<ModelInForce> activeModel = new AtomicReference<>();
    private final AtomicReference<List<Gauge>> activeModelGauges = new AtomicReference<>(List.of());
    private final AtomicReference<RefusedModel> refusedModel = new AtomicReference<>();
    private final AtomicReference<Gauge> refusedModelGauge = new AtomicReference<>();

    /** The model version in force and its alert threshold, as the metrics report them. */
    public record ModelInForce(String version, double alertThreshold) {}

    /** A model version chosen but not loaded, and why: {@code checksum_mismatch}, {@code incompatible} or {@code unreadable}. */
    public record RefusedModel(String version, String reason) {}

    public PipelineStats() {
        this(MeterRegistries.prometheus());
    }

    public PipelineStats(PrometheusMeterRegistry registry) {
        this.registry = registry;
        scored = Counter.builder("centinela.transactions.scored")
                .description("Transactions scored")
                .register(registry);
        alertsRaised = Counter.builder("centinela.alerts.raised")
                .description("Alerts raised by scoring")
                .register(registry);
        alertsStored = Counter.builder("centinela.alerts.stored")
                .description("Alerts stored for the analysts")
                .register(registry);
        alertsDuplicate = Counter.builder("centinela.alerts.duplicate")
                .description("Alerts received again (Kafka redelivery) and ignored")
                .register(registry);
        labelsApplied = Counter.builder("centinela.labels.applied")
                .description("Analysts' decisions applied to the features")
                .register(registry);
        for (pe.centinela.core.domain.Decision decision : pe.centinela.core.domain.Decision.values()) {
            decisions[decision.ordinal()] = Counter.builder("centinela.decisions")
                    .description("Decisions taken by scoring, rules and score combined")
                    .tag("decision", decision.code())
                    .register(registry);
        }
        ruleHits = Counter.builder("centinela.rule.hits")
                .description("Rules that held on a scored transaction, shadow rules included")
                .register(registry);
        inlineDecisionLatency = Timer.builder("centinela.inline.decision.latency")
                .description("From a POST /api/decisions request's arrival to its answer")
                .serviceLevelObjectives(millis(5, 10, 25, 50, 100, 150, 250, 500, 1_000))
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        for (pe.centinela.core.domain.Decision decision : pe.centinela.core.domain.Decision.values()) {
            inlineDecisions[decision.ordinal()] = Counter.builder("centinela.inline.decisions")
                    .description("Answers of POST /api/decisions, a timed-out answer counted as review")
                    .tag("decision", decision.code())
                    .register(registry);
        }
        inlineTimedOut = Counter.builder("centinela.inline.decisions.timed.out")
                .description("Inline decisions answered review because scoring did not answer within the timeout")
                .register(registry);
        Gauge.builder("centinela.rules.in.force", rulesInForce, java.util.concurrent.atomic.AtomicInteger::get)
                .description("Rules evaluated on live traffic here (active, shadow and the lists' own)")
                .register(registry);
        Gauge.builder("centinela.rules.revision", rulesRevision, java.util.concurrent.atomic.AtomicLong::get)
                .description("The revision of the rule registry in force here: replicas that lag show a lower one")
                .register(registry);
        Gauge.builder("centinela.rules.refused", rulesRefused, java.util.concurrent.atomic.AtomicInteger::get)
                .description("Live rules that no longer compile (a list they read was deleted) and do not run")
                .register(registry);
        scores = Histogram.builder()
                .name("centinela_transaction_score")
                .help("Scores of the transactions scored, from 0 to 1")
                .classicOnly()
                .classicUpperBounds(SCORE_BUCKETS)
                .withoutExemplars()
                .register(registry.getPrometheusRegistry());
        ingestBatch = Timer.builder("centinela.ingest.batch.duration")
                .description("Time to publish a batch of checked records: the duplicate check in PostgreSQL, then the"
                        + " broker's acknowledgement of every record")
                .serviceLevelObjectives(millis(1, 5, 10, 25, 50, 100, 250, 500, 1_000, 5_000))
                .register(registry);
        scoringBatch = Timer.builder("centinela.scoring.batch.duration")
                .description("Time to score a micro-batch: features, the model and publishing the results")
                .serviceLevelObjectives(millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000))
                .register(registry);
        endToEnd = Timer.builder("centinela.end.to.end.latency")
                .description("From a transaction's arrival at the platform to its score")
                .serviceLevelObjectives(
                        millis(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000))
                .register(registry);
        alertStore = Timer.builder("centinela.alert.store.duration")
                .description("Time to store a batch of alerts in PostgreSQL")
                .serviceLevelObjectives(millis(1, 5, 10, 25, 50, 100, 250, 500, 1_000, 5_000))
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Transactions of {@code source} accepted and published to the canonical topic. */
    public void ingested(String source, int count) {
        if (count > 0) {
            Counter.builder(INGESTED)
                    .description("Transactions accepted into the canonical topic")
                    .tag("source", source)
                    .register(registry)
                    .increment(count);
        }
    }

    /**
     * A batch of checked records published by a source. The Kafka source publishes one batch at a time, so where its
     * batches a second times their mean duration nears one second, ingest is the stage at its limit.
     */
    public void ingestBatchPublished(Duration took) {
        ingestBatch.record(took);
    }

    /** A record dead-lettered, counted by its source and its first reason's code. */
    public void rejected(DeadLetter letter) {
        String reason =
                letter.reasons().isEmpty() ? "unknown" : letter.reasons().get(0).code();
        Counter.builder(REJECTED)
                .description("TopicRecords rejected to the dead-letter topic, by the code of their first reason")
                .tag("source", letter.sourceName())
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /**
     * A scored batch whose results were published: its transactions and their outcomes, in the same order, and how
     * long the batch took. End-to-end latency runs from each transaction's arrival ({@code source.received_at}).
     */
    public void scored(List<Transaction> transactions, List<ScoringEngine.Outcome> outcomes, Duration took) {
        scored.increment(outcomes.size());
        scoringBatch.record(took);
        for (int i = 0; i < outcomes.size(); i++) {
            ScoreRecord score = outcomes.get(i).score();
            scores.observe(score.score());
            decisions[score.decision().ordinal()].increment();
            if (!score.rules().isEmpty()) {
                ruleHits.increment(score.rules().size());
            }
            if (outcomes.get(i).alerted()) {
                alertsRaised.increment();
            }
            Transaction tx = transactions.get(i);
            Instant received = tx.source() == null ? null : tx.source().receivedAt();
            if (received != null && !received.isAfter(score.scoredAt())) {
                endToEnd.record(Duration.between(received, score.scoredAt()));
            }
        }
    }

    /** One inline decision answered: what, whether scoring's answer came too late, and how long the caller waited. */
    public void inlineDecision(pe.centinela.core.domain.Decision decision, boolean timedOut, Duration took) {
        inlineDecisionLatency.record(took);
        inlineDecisions[decision.ordinal()].increment();
        if (timedOut) {
            inlineTimedOut.increment();
        }
    }

    /** Inline decisions answered review because scoring's answer came too late. */
    public long inlineTimedOut() {
        return (long) inlineTimedOut.count();
    }

    /** The rules scoring evaluates now, those it refuses, and the registry's revision they come from. */
    public void rulesInForce(int inForce, int refused, long revision) {
        rulesInForce.set(inForce);
        rulesRefused.set(refused);
        rulesRevision.set(revision);
    }

    /** The registry's revision whose rules scoring evaluates here; -1 before the first load. */
    public long rulesRevision() {
        return rulesRevision.get();
    }

    /** One insert of {@code received} alerts of which {@code stored} were new. */
    public void alertsStored(int received, int stored, Duration took) {
        alertsStored.increment(stored);
        alertsDuplicate.increment(received - stored);
        alertStore.record(took);
    }

    /**
     * A record read back from one of the platform's topics and skipped without a dead letter, because every instance
     * reads that topic from its start (labels) or it is internal state (the scoring state changelog).
     */
    public void skipped(String topic, String reason) {
        Counter.builder(SKIPPED)
                .description("Unusable records skipped without a dead letter, by topic and reason")
                .tag("topic", topic)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    public void labelApplied() {
        labelsApplied.increment();
    }

    /**
     * The model now scoring in this process (null: none), as {@code centinela_model_active{version="…"} 1} and
     * {@code centinela_model_alert_threshold{version="…"}}.
     */
    public void activeModel(ModelInForce model) {
        activeModel.set(model);
        List<Gauge> gauges = model == null
                ? List.of()
                : List.of(
                        Gauge.builder("centinela.model.active", () -> 1)
                                .description("The model version scoring here")
                                .tag("version", model.version())
                                .register(registry),
                        Gauge.builder("centinela.model.alert.threshold", activeModel, PipelineStats::thresholdOf)
                                .description("The alert threshold in force")
                                .tag("version", model.version())
                                .register(registry));
        for (Gauge previous : activeModelGauges.getAndSet(gauges)) {
            if (!gauges.contains(previous)) {
                registry.remove(previous);
            }
        }
    }

    /** The model scoring in this process and its alert threshold; null until one is loaded. */
    public ModelInForce activeModel() {
        return activeModel.get();
    }

    /**
     * The model version this process was asked to score with but refused, keeping the models it had (null: none
     * refused), as {@code centinela_model_refused{version="…",reason="…"} 1}.
     */
    public void refusedModel(RefusedModel refused) {
        if (Objects.equals(refusedModel.getAndSet(refused), refused)) {
            return;
        }
        Gauge gauge = refused == null
                ? null
                : Gauge.builder("centinela.model.refused", () -> 1)
                        .description(
                                "A model version chosen but not loaded: its checksum does not match, it takes other features, or it cannot be read")
                        .tag("version", refused.version())
                        .tag("reason", refused.reason())
                        .register(registry);
        Gauge previous = refusedModelGauge.getAndSet(gauge);
        if (previous != null && previous != gauge) {
            registry.remove(previous);
        }
    }

    /** The model version refused by the last refresh; null when it loaded what was chosen. */
    public RefusedModel refusedModel() {
        return refusedModel.get();
    }

    /** A webhook delivery attempt: {@code delivered}, {@code retry} or {@code failed}. */
    public void webhookAttempt(String outcome) {
        Counter.builder("centinela.webhook.attempts")
                .description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public long ingested() {
        return total(INGESTED);
    }

    public long rejected() {
        return total(REJECTED);
    }

    public long skipped() {
        return total(SKIPPED);
    }

    /** The rules scoring evaluates now (active, shadow and the lists' own). */
    public int rulesInForce() {
        return rulesInForce.get();
    }

    public long scored() {
        return (long) scored.count();
    }

    public long alertsRaised() {
        return (long) alertsRaised.count();
    }

    public long alertsStored() {
        return (long) alertsStored.count();
    }

    public long alertsDuplicate() {
        return (long) alertsDuplicate.count();
    }

    public long labelsApplied() {
        return (long) labelsApplied.count();
    }

    private static double thresholdOf(AtomicReference<ModelInForce> model) {
        ModelInForce active = model.get();
        return active == null ? Double.NaN : active.alertThreshold();
    }

    private long total(String name) {
        return (long) registry.find(name).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static Duration[] millis(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(values[i]);
        }
        return durations;
    }
}
