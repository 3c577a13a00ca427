package pe.centinela.scoring;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.features.KeyActivity;
import pe.centinela.core.json.Json;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.inference.ModelChoice;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.core.validation.RequiredFields;
import pe.centinela.adapters.kafka.BatchConsumer;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.kafka.Producers;
import pe.centinela.adapters.http.Readiness;
import pe.centinela.adapters.kafka.TopicRecords;
import pe.centinela.adapters.kafka.TopicFollower;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.registry.ModelRegistry;

/**
 * Scores the canonical stream in micro-batches: each poll's records get their features on the event loop, one
 * network call on a worker thread, and their scores and alerts published, then the accounts' new states, before the
 * offsets are committed. When a partition arrives here (start-up or rebalance), its accounts' states are first read
 * back from the state changelog, so scoring continues with the same aggregates and applies no transaction twice.
 */
public final class ScoringVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringVerticle.class);

    private static final String READINESS = "scoring";
    private static final String KEY_ACTIVITY = "scoring-key-activity";
    /** The longest fraud-share window, the label delay before it, and a day for transactions written late. */
    static final Duration KEY_ACTIVITY_SPAN = Duration.ofDays(31).plus(FeaturePipeline.DEFAULT_LABEL_DELAY);

    private final PlatformConfig config;
    private final PipelineStats stats;
    private final Clock clock;
    private final Readiness readiness;
    private boolean refreshing;
    private String lastRefreshProblem;
    private volatile String choiceWarnings;
    private final KeyActivity keyActivity = new KeyActivity(FeaturePipeline.DEFAULT_LABEL_DELAY);
    private final FeaturePipeline features = new FeaturePipeline(keyActivity, FeaturePipeline.DEFAULT_SEQUENCE_LENGTH);
    private final Set<Integer> restoredPartitions = new HashSet<>();
    private final Map<String, Long> appliedOffsets = new HashMap<>();
    private StateChangelog changelog;
    private ScoringEngine engine;
    private KafkaProducer<String, byte[]> producer;
    private BatchConsumer<byte[]> consumer;
    private TopicFollower labels;
    private TopicFollower transactions;

    public ScoringVerticle(PlatformConfig config, PipelineStats stats, Clock clock, Readiness readiness) {
        this.config = config;
        this.stats = stats;
        this.clock = clock;
        this.readiness = readiness;
    }

    public ScoringVerticle(PlatformConfig config, PipelineStats stats, Clock clock) {
        this(config, stats, clock, new Readiness());
    }

    @Override
    public Future<?> start() {
        changelog = new StateChangelog(config, stats);
        readiness.waitFor(READINESS, "scoring: loading and verifying the model");
        return vertx.executeBlocking(() -> chooseModels(null)).compose(models -> {
            ScoringEngine.ActiveModel model = models.active();
            engine = new ScoringEngine(model, clock, features);
            engine.activate(models);
            reportRefreshProblem(choiceWarnings);
            stats.activeModel(new PipelineStats.ActiveModel(model.version(), model.alertThreshold()));
            readiness.ready(READINESS);
            LOG.info("scoring with model {} (alert threshold {})", model.version(), model.alertThreshold());
            vertx.setPeriodic(config.scoring().refreshInterval().toMillis(), id -> refreshModel());
            producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "scoring"));
            KafkaConsumer<String, byte[]> kafkaConsumer = KafkaConsumer.create(vertx,
                    KafkaClients.microBatchConsumer(config.kafka(), "scoring", config.scoring().maxBatch(), config.scoring().batchWait()));
            consumer = new BatchConsumer<>(vertx, kafkaConsumer, config.topics().transactions(), this::score)
                    .onRevoked(partitions -> partitions.forEach(p -> restoredPartitions.remove(p.getPartition())));
            readiness.waitFor(KEY_ACTIVITY, "scoring: counting the recent transactions and labels of every merchant, beneficiary and device");
            return followKeyActivity().compose(v -> {
                readiness.ready(KEY_ACTIVITY);
                return consumer.start();
            });
        });
    }

    @Override
    public Future<?> stop() {
        stats.activeModel(null);
        Future<Void> followersClosed = Future.all(labels == null ? Future.succeededFuture() : labels.close(),
                transactions == null ? Future.succeededFuture() : transactions.close()).mapEmpty();
        return followersClosed.compose(v -> consumer == null ? Future.succeededFuture() : consumer.stop().eventually(() -> producer.close()));
    }

    /**
     * Every instance counts every transaction of the canonical topic written in the last {@link #KEY_ACTIVITY_SPAN} and
     * every analyst decision, whichever partitions it scores: the fraud record of merchants, beneficiaries and devices
     * then does not depend on which instance scores a transaction (see {@link KeyActivity}). Scoring starts once both
     * have caught up with what the topics held at the start.
     */
    private Future<Void> followKeyActivity() {
        labels = new TopicFollower(vertx, config.kafka(), config.topics().labels(), "labels");
        transactions = new TopicFollower(vertx, config.kafka(), config.topics().transactions(), "key-activity");
        java.time.Instant from = clock.instant().minus(KEY_ACTIVITY_SPAN);
        return Future.all(labels.start(null, this::applyLabel), transactions.start(from, this::countTransaction))
                .compose(v -> Future.all(labels.caughtUp(), transactions.caughtUp())).mapEmpty();
    }

    /** A transaction the scoring consumer will dead-letter is not counted; nothing else is done with it here. */
    private void countTransaction(KafkaConsumerRecord<String, byte[]> record) {
        TopicRecords.Read<Transaction> read = TopicRecords.read(record, Transaction.class, RequiredFields::missing);
        if (read.usable()) {
            keyActivity.transaction(read.value());
        }
    }

    /**
     * An unusable label is skipped and counted, not dead-lettered: every scoring instance reads the whole topic at each
     * start, so it would be dead-lettered again and again.
     */
    private void applyLabel(KafkaConsumerRecord<String, byte[]> record) {
        TopicRecords.Read<Label> read = TopicRecords.read(record, Label.class, RequiredFields::missing);
        if (!read.usable()) {
            LOG.warn("skipping an unusable label at {}: {}", TopicRecords.location(record), read.problems());
            stats.skipped(record.topic(), read.problems().get(0).code());
            return;
        }
        Label label = read.value();
        keyActivity.label(label);
        stats.labelApplied();
    }

    /**
     * Hot swap: the version or threshold chosen now (see {@link ModelChoice}) replaces the one in force between two
     * batches; batches already prepared finish with the model they started with, and no offset moves, so no message is
     * lost or scored twice.
     */
    private void refreshModel() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        ScoringEngine.ModelSet current = engine.models();
        vertx.executeBlocking(() -> chooseModels(current)).onComplete(result -> {
            refreshing = false;
            if (result.failed()) {
                if (result.cause() instanceof RefusedModelException refused) {
                    stats.refusedModel(refused.refused());
                }
                reportRefreshProblem(result.cause().getMessage() + "; still scoring with " + describe(current));
                return;
            }
            stats.refusedModel(null);
            reportRefreshProblem(choiceWarnings);
            ScoringEngine.ModelSet chosen = result.result();
            if (!chosen.equals(current)) {
                engine.activate(chosen);
                stats.activeModel(new PipelineStats.ActiveModel(chosen.active().version(), chosen.active().alertThreshold()));
                LOG.info("now scoring with {}, was {}", describe(chosen), describe(current));
            }
        });
    }

    private static String describe(ScoringEngine.ModelSet set) {
        ScoringEngine.ActiveModel a = set.active();
        return "model " + a.version() + " (alert threshold " + a.alertThreshold() + ")"
                + (set.canary() == null ? "" : ", canary " + set.canary().version() + " on " + Math.round(set.canaryShare() * 100) + " % of accounts")
                + (set.shadow() == null ? "" : ", shadow " + set.shadow().version());
    }

    /** Logs a problem with the models or their settings once, not on every refresh. */
    private synchronized void reportRefreshProblem(String problem) {
        if (problem != null && !problem.equals(lastRefreshProblem)) {
            LOG.warn("scoring models: {}", problem);
        }
        lastRefreshProblem = problem;
    }

    /**
     * The models to score with now: those of {@code current} kept where nothing changed, new versions fetched from the
     * registry, checksum-verified and loaded.
     */
    private ScoringEngine.ModelSet chooseModels(ScoringEngine.ModelSet current) throws IOException, SQLException {
        ModelRegistry registry = new ModelRegistry(config.postgres());
        List<ModelRegistry.Entry> entries = registry.list();
        Optional<String> active = entries.stream().filter(e -> e.status().equals("active")).map(ModelRegistry.Entry::version).findFirst();
        Optional<String> shadow = entries.stream().filter(e -> e.status().equals("shadow")).map(ModelRegistry.Entry::version).findFirst();
        Map<String, String> runtime = RuntimeFile.read(config.scoring().runtimeFile());
        java.util.function.Function<String, java.util.OptionalDouble> thresholds =
                version -> entries.stream().filter(e -> e.version().equals(version)).mapToDouble(ModelRegistry.Entry::alertThreshold).findFirst();
        ModelChoice choice = ModelChoice.choose(config.scoring().modelVersion(), config.scoring().alertThreshold(), runtime, active, shadow, thresholds)
                .orElseThrow(() -> new IOException(config.scoring().modelVersion().isEmpty()
                        ? "no active model in the registry: train one (fraud train), then fraud models publish DIR and fraud models promote VERSION"
                        : "model version " + config.scoring().modelVersion() + " (scoring.model-version) is not in the registry"));
        // reported once the refresh completes, so a refused model's warning is not reset (and logged again) on every refresh
        choiceWarnings = choice.warnings().isEmpty() ? null : String.join("; ", choice.warnings());
        ScoringEngine.ActiveModel activeModel = model(registry, choice.version(), choice.alertThreshold(), current);
        ScoringEngine.ActiveModel canary = choice.canaryVersion() == null ? null
                : model(registry, choice.canaryVersion(), thresholds.apply(choice.canaryVersion()).orElseThrow(), current);
        ScoringEngine.ActiveModel shadowModel = choice.shadowVersion() == null ? null
                : model(registry, choice.shadowVersion(), thresholds.apply(choice.shadowVersion()).orElseThrow(), current);
        return new ScoringEngine.ModelSet(activeModel, canary, choice.canaryShare(), shadowModel, choice.reviewThreshold());
    }

    /** A version at a threshold: the scorer already loaded for it when there is one, else fetched and loaded. */
    private ScoringEngine.ActiveModel model(ModelRegistry registry, String version, double threshold, ScoringEngine.ModelSet current)
            throws IOException, SQLException {
        if (current != null) {
            for (ScoringEngine.ActiveModel loaded : new ScoringEngine.ActiveModel[] {current.active(), current.canary(), current.shadow()}) {
                if (loaded != null && loaded.version().equals(version)) {
                    return loaded.alertThreshold() == threshold ? loaded : new ScoringEngine.ActiveModel(version, loaded.scorer(), threshold);
                }
            }
        }
        try {
            registry.fetch(version, config.scoring().modelDir());
            ModelBundles.LoadedModel loaded = new ModelBundles(config.scoring().modelDir(), config.scoring().modelTrust()).load(version,
                    config.scoring().javaInference() ? ModelBundles.Inference.JAVA : ModelBundles.Inference.DL4J);
            return new ScoringEngine.ActiveModel(version, loaded.scorer(), threshold);
        } catch (IOException e) {
            throw new RefusedModelException(version, e);
        }
    }

    private Future<Void> score(List<KafkaConsumerRecord<String, byte[]>> batch) {
        Set<Integer> arriving = new HashSet<>();
        for (KafkaConsumerRecord<String, byte[]> record : batch) {
            if (!restoredPartitions.contains(record.partition())) {
                arriving.add(record.partition());
            }
        }
        return restore(arriving).compose(v -> process(batch));
    }

    private Future<Void> restore(Set<Integer> partitions) {
        if (partitions.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            Map<String, StateChangelog.Restored> states = new HashMap<>();
            for (int partition : partitions) {
                states.putAll(changelog.restore(partition));
            }
            return states;
        }).map(states -> {
            states.forEach((account, restored) -> {
                features.restore(account, restored.state());
                appliedOffsets.put(account, restored.offset());
            });
            restoredPartitions.addAll(partitions);
            LOG.info("partitions {} of {}: {} account states restored", partitions, config.topics().transactions(), states.size());
            return null;
        });
    }

    private Future<Void> process(List<KafkaConsumerRecord<String, byte[]>> batch) {
        long started = System.nanoTime();
        List<Transaction> transactions = new ArrayList<>(batch.size());
        Map<String, Long> lastOffsets = new LinkedHashMap<>();
        Set<Integer> partitions = new HashSet<>();
        List<TopicRecords.Rejected> rejected = new ArrayList<>();
        for (KafkaConsumerRecord<String, byte[]> record : batch) {
            partitions.add(record.partition());
            TopicRecords.Read<Transaction> read = TopicRecords.read(record, Transaction.class, RequiredFields::missing);
            if (!read.usable()) {
                rejected.add(TopicRecords.rejected(record, read.problems(), clock.instant()));
                continue;
            }
            Transaction tx = read.value();
            Long applied = appliedOffsets.get(tx.accountId());
            if (applied != null && record.offset() <= applied) {
                continue;
            }
            transactions.add(tx);
            lastOffsets.put(tx.accountId(), record.offset());
        }
        ScoringEngine.PreparedBatch prepared = engine.prepare(transactions);
        List<KafkaProducerRecord<String, byte[]>> stateRecords = new ArrayList<>(lastOffsets.size());
        lastOffsets.forEach((account, offset) -> stateRecords.add(changelog.record(account, offset, features.snapshot(account))));
        return Producers.deadLetters(producer, config.topics().deadLetters(), rejected, stats)
                .compose(v -> vertx.executeBlocking(() -> engine.score(prepared), false))
                .compose(scores -> publish(prepared, scores))
                .compose(outcomes -> Producers.sendAll(producer, stateRecords).map(outcomes))
                .onSuccess(outcomes -> {
                    appliedOffsets.putAll(lastOffsets);
                    stats.scored(prepared.transactions(), outcomes, Duration.ofNanos(System.nanoTime() - started));
                })
                .onFailure(e -> rollBack(lastOffsets.keySet(), partitions))
                .mapEmpty();
    }

    /**
     * A batch that failed will be retried: its accounts are forgotten and its partitions read back from the changelog
     * before the retry, which gives each account the state of its last published transaction. The states of a batch are
     * published only after its scores and alerts, so the changelog never counts a transaction whose score was not sent.
     */
    private void rollBack(Set<String> accounts, Set<Integer> partitions) {
        accounts.forEach(features::forget);
        accounts.forEach(appliedOffsets::remove);
        restoredPartitions.removeAll(partitions);
    }

    private Future<List<ScoringEngine.Outcome>> publish(ScoringEngine.PreparedBatch prepared, ScoringEngine.BatchScores scores) {
        List<ScoringEngine.Outcome> outcomes = engine.complete(prepared, scores);
        List<KafkaProducerRecord<String, byte[]>> out = new ArrayList<>(outcomes.size() + outcomes.size() / 8);
        for (ScoringEngine.Outcome outcome : outcomes) {
            String key = outcome.score().accountId();
            out.add(KafkaProducerRecord.create(config.topics().scores(), key, Json.toBytes(outcome.score())));
            if (outcome.alerted()) {
                out.add(KafkaProducerRecord.create(config.topics().alerts(), key, Json.toBytes(outcome.alert())));
            }
        }
        return Producers.sendAll(producer, out).map(outcomes);
    }
}
