package pe.centinela.scoring;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.http.Readiness;
import pe.centinela.adapters.kafka.BatchConsumer;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.kafka.Producers;
import pe.centinela.adapters.kafka.TopicRecords;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.DecisionRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.features.KeyActivity;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.core.json.Json;
import pe.centinela.core.validation.RequiredFields;

/**
 * Scores the canonical stream in micro-batches. It composes four parts, each with one job: {@link ModelHotSwap} (which
 * models, swapped in between batches), {@link KeyActivityFeed} (the fraud record of merchants, beneficiaries and
 * devices, from the topics), {@link AccountStates} (the accounts' states, read back from the changelog, written to it
 * before each commit, and rolled back on failure) and the batch itself, below: each poll's records get their features
 * on the event loop, one model call on a worker thread, and their scores and alerts published; the accounts' new states
 * go to the changelog once per commit interval, just before the offsets they include are committed.
 */
public final class ScoringVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringVerticle.class);

    private static final String READINESS = "scoring";
    private static final String KEY_ACTIVITY = "scoring-key-activity";
    private static final String RULES = "scoring-rules";

    private final PlatformConfig config;
    private final PipelineStats stats;
    private final Clock clock;
    private final Readiness readiness;
    private final KeyActivity keyActivity = new KeyActivity(FeaturePipeline.DEFAULT_LABEL_DELAY);
    private final FeaturePipeline features = new FeaturePipeline(keyActivity, FeaturePipeline.DEFAULT_SEQUENCE_LENGTH);
    private AccountStates accounts;
    private ModelHotSwap models;
    private KeyActivityFeed keyActivityFeed;
    private RuleRefresh rules;
    private ScoringEngine engine;
    private KafkaProducer<String, byte[]> producer;
    private BatchConsumer<byte[]> consumer;

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
        accounts = new AccountStates(features, new StateChangelog(config, stats));
        models = new ModelHotSwap(vertx, new ModelSelection(config.scoring(), config.postgres()), stats);
        return loadModels()
                .compose(v -> loadRules())
                .compose(v -> followKeyActivity())
                .compose(v -> consume());
    }

    /** Step 1: the models chosen and loaded; the engine starts with them and keeps them current. */
    private Future<Void> loadModels() {
        readiness.waitFor(READINESS, "scoring: loading and verifying the model");
        return models.firstChoice().map(chosen -> {
            engine = new ScoringEngine(chosen.active(), clock, features);
            engine.activate(chosen);
            models.keepCurrent(engine, config.scoring().refreshInterval());
            readiness.ready(READINESS);
            LOG.info(
                    "scoring with model {} (alert threshold {})",
                    chosen.active().version(),
                    chosen.active().alertThreshold());
            return null;
        });
    }

    /** Step 1b: the rules and lists in force, kept current from the registry. */
    private Future<Void> loadRules() {
        readiness.waitFor(RULES, "scoring: loading the rules and lists");
        rules = new RuleRefresh(vertx, config, stats);
        return rules.start(engine, config.scoring().rulesRefreshInterval()).onSuccess(v -> readiness.ready(RULES));
    }

    /** Step 2: the fraud record of merchants, beneficiaries and devices caught up with the topics. */
    private Future<Void> followKeyActivity() {
        readiness.waitFor(
                KEY_ACTIVITY,
                "scoring: counting the recent transactions and labels of every merchant, beneficiary and device");
        keyActivityFeed = new KeyActivityFeed(vertx, config, keyActivity, stats, clock);
        return keyActivityFeed.start().onSuccess(v -> readiness.ready(KEY_ACTIVITY));
    }

    /** Step 3: the canonical topic consumed in micro-batches. */
    private Future<Void> consume() {
        producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "scoring"));
        KafkaConsumer<String, byte[]> kafkaConsumer = KafkaConsumer.create(
                vertx,
                KafkaClients.microBatchConsumer(
                        config.kafka(),
                        "scoring",
                        config.scoring().maxBatch(),
                        config.scoring().batchWait()));
        consumer = new BatchConsumer<>(vertx, kafkaConsumer, config.topics().transactions(), this::score)
                .beforeCommit(() -> accounts.flush(states -> Producers.sendAll(producer, states)))
                .onRevoked(partitions -> accounts.revoked(
                        partitions.stream().map(p -> p.getPartition()).toList()));
        return consumer.start();
    }

    @Override
    public Future<?> stop() {
        stats.activeModel(null);
        Future<Void> feedClosed = (keyActivityFeed == null ? Future.<Void>succeededFuture() : keyActivityFeed.close())
                .eventually(() -> rules == null ? Future.succeededFuture() : rules.close());
        return feedClosed.compose(v ->
                consumer == null ? Future.succeededFuture() : consumer.stop().eventually(() -> producer.close()));
    }

    /** One batch: the states of partitions new here read back first, then the batch scored. */
    private Future<Void> score(List<KafkaConsumerRecord<String, byte[]>> batch) {
        Set<Integer> partitions = new HashSet<>();
        batch.forEach(record -> partitions.add(record.partition()));
        return restore(accounts.notRestored(partitions)).compose(v -> process(new Batch(batch)));
    }

    private Future<Void> restore(Set<Integer> partitions) {
        if (partitions.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> accounts.read(partitions)).map(states -> {
            accounts.restore(partitions, states);
            LOG.info(
                    "partitions {} of {}: {} account states restored",
                    partitions,
                    config.topics().transactions(),
                    states.size());
            return null;
        });
    }

    /** A poll's records decoded: the transactions not yet applied, the records set aside, the last position per account. */
    private final class Batch {
        final long started = System.nanoTime();
        final List<Transaction> transactions;
        final Map<String, AccountStates.Position> lastPositions = new LinkedHashMap<>();
        final Set<Integer> partitions = new HashSet<>();
        final List<TopicRecords.Rejected> rejected = new ArrayList<>();
        /** Where to send the decision, by transaction id, for the transactions that asked for one. */
        final Map<String, String> replyTo = new HashMap<>();

        Batch(List<KafkaConsumerRecord<String, byte[]>> records) {
            transactions = new ArrayList<>(records.size());
            for (KafkaConsumerRecord<String, byte[]> record : records) {
                partitions.add(record.partition());
                TopicRecords.Read<Transaction> read =
                        TopicRecords.read(record, Transaction.class, RequiredFields::missing);
                if (!read.usable()) {
                    rejected.add(TopicRecords.rejected(record, read.problems(), clock.instant()));
                } else if (!accounts.applied(read.value().accountId(), record.offset())) {
                    transactions.add(read.value());
                    lastPositions.put(
                            read.value().accountId(), new AccountStates.Position(record.partition(), record.offset()));
                    replyTopic(record)
                            .ifPresent(topic -> replyTo.put(read.value().transactionId(), topic));
                }
            }
        }
    }

    private static java.util.Optional<String> replyTopic(KafkaConsumerRecord<String, byte[]> record) {
        for (var header : record.headers()) {
            if (header.key().equals(DecisionRecord.REPLY_TO_HEADER)) {
                return java.util.Optional.of(header.value().toString(StandardCharsets.UTF_8));
            }
        }
        return java.util.Optional.empty();
    }

    private Future<Void> process(Batch batch) {
        ScoringEngine.PreparedBatch prepared = engine.prepare(batch.transactions);
        return Producers.deadLetters(producer, config.topics().deadLetters(), batch.rejected, stats)
                .compose(v -> vertx.executeBlocking(() -> engine.score(prepared), false))
                .compose(scores -> publishScores(prepared, scores, batch))
                .onSuccess(published -> {
                    accounts.processed(published.states());
                    stats.scored(
                            prepared.transactions(),
                            published.outcomes(),
                            Duration.ofNanos(System.nanoTime() - batch.started));
                })
                .onFailure(e -> accounts.rollBack(batch.lastPositions.keySet(), batch.partitions))
                .mapEmpty();
    }

    /** A batch's outcomes, acknowledged by the broker, and its accounts' states as it left them. */
    private record Published(List<ScoringEngine.Outcome> outcomes, AccountStates.Encoded states) {}

    private Future<Published> publishScores(
            ScoringEngine.PreparedBatch prepared, ScoringEngine.BatchScores scores, Batch batch) {
        Map<String, String> replyTo = batch.replyTo;
        List<ScoringEngine.Outcome> outcomes = engine.complete(prepared, scores);
        List<KafkaProducerRecord<String, byte[]>> out = new ArrayList<>(outcomes.size() + outcomes.size() / 8);
        for (ScoringEngine.Outcome outcome : outcomes) {
            String key = outcome.score().accountId();
            out.add(KafkaProducerRecord.create(config.topics().scores(), key, Json.toBytes(outcome.score())));
            if (outcome.alerted()) {
                out.add(KafkaProducerRecord.create(config.topics().alerts(), key, Json.toBytes(outcome.alert())));
            }
            String reply =
                    replyTo.isEmpty() ? null : replyTo.get(outcome.score().transactionId());
            if (reply != null) {
                out.add(KafkaProducerRecord.create(
                        reply,
                        outcome.score().transactionId(),
                        Json.toBytes(DecisionRecord.of(outcome.score(), outcome.alert()))));
            }
        }
        Future<Void> sent = Producers.sendAll(producer, out);
        // encoded while the broker acknowledges: nothing changes these accounts before the next batch
        AccountStates.Encoded states = accounts.encode(batch.lastPositions);
        return sent.map(v -> new Published(outcomes, states));
    }
}
