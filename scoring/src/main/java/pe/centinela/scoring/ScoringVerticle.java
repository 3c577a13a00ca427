package pe.centinela.scoring;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.io.IOException;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.json.Json;
import pe.centinela.core.model.Transaction;
import pe.centinela.core.scoring.Scorer;
import pe.centinela.core.scoring.ScoringEngine;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;
import pe.centinela.runtime.BatchConsumer;
import pe.centinela.runtime.KafkaClients;
import pe.centinela.runtime.PipelineStats;
import pe.centinela.runtime.Producers;
import pe.centinela.scoring.model.ModelBundles;
import pe.centinela.scoring.model.ModelRegistry;

/**
 * Scores the canonical stream in micro-batches: each poll's records get their features on the event loop, one
 * network call on a worker thread, and their scores and alerts published before the offsets are committed.
 */
public final class ScoringVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringVerticle.class);

    private final PlatformConfig config;
    private final PipelineStats stats;
    private final Clock clock;
    private ScoringEngine engine;
    private KafkaProducer<String, byte[]> producer;
    private BatchConsumer<byte[]> consumer;

    public ScoringVerticle(PlatformConfig config, PipelineStats stats, Clock clock) {
        this.config = config;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(this::loadModel).compose(model -> {
            engine = new ScoringEngine(model, clock);
            LOG.info("scoring with model {} (alert threshold {})", model.version(), model.alertThreshold());
            producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "scoring"));
            KafkaConsumer<String, byte[]> kafkaConsumer = KafkaConsumer.create(vertx,
                    KafkaClients.consumer(config.kafka(), "scoring", config.scoring().maxBatch()));
            consumer = new BatchConsumer<>(vertx, kafkaConsumer, config.topics().transactions(), this::score);
            return consumer.start();
        });
    }

    @Override
    public Future<?> stop() {
        return consumer == null ? Future.succeededFuture() : consumer.stop().eventually(() -> producer.close());
    }

    /** The registry's active model (or the configured version), fetched, checksum-verified and loaded. */
    private ScoringEngine.ActiveModel loadModel() throws IOException, SQLException {
        ModelRegistry registry = new ModelRegistry(config.postgres());
        String version = config.scoring().modelVersion().isEmpty()
                ? registry.active().orElseThrow(() -> new IOException("no active model in the registry: train one (fraud train), then "
                        + "fraud models publish DIR and fraud models promote VERSION")).version()
                : config.scoring().modelVersion();
        registry.fetch(version, config.scoring().modelDir());
        ModelBundles.LoadedModel loaded = new ModelBundles(config.scoring().modelDir()).load(version);
        return new ScoringEngine.ActiveModel(version, loaded.scorer(), config.scoring().thresholdFor(loaded.manifest().alertThreshold()));
    }

    private Future<Void> score(List<KafkaConsumerRecord<String, byte[]>> batch) {
        List<Transaction> transactions = new ArrayList<>(batch.size());
        List<KafkaProducerRecord<String, byte[]>> unreadable = new ArrayList<>();
        for (KafkaConsumerRecord<String, byte[]> record : batch) {
            try {
                transactions.add(Json.fromBytes(record.value(), Transaction.class));
            } catch (RuntimeException e) {
                unreadable.add(deadLetter(record, e));
            }
        }
        ScoringEngine.PreparedBatch prepared = engine.prepare(transactions);
        return Producers.sendAll(producer, unreadable)
                .compose(v -> vertx.executeBlocking(() -> engine.score(prepared), false))
                .compose(scores -> publish(prepared, scores));
    }

    private KafkaProducerRecord<String, byte[]> deadLetter(KafkaConsumerRecord<String, byte[]> record, RuntimeException e) {
        String payload = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        DeadLetter letter = new DeadLetter(config.topics().transactions(), "kafka", payload,
                List.of(new Violation("record", "unreadable_canonical", "not a canonical transaction: " + e.getMessage())), clock.instant(),
                "partition " + record.partition() + " offset " + record.offset());
        stats.deadLettered.incrementAndGet();
        return KafkaProducerRecord.create(config.topics().deadLetters(), record.key(), Json.toBytes(letter));
    }

    private Future<Void> publish(ScoringEngine.PreparedBatch prepared, Scorer.RowScore[] scores) {
        List<ScoringEngine.Outcome> outcomes = engine.complete(prepared, scores);
        List<KafkaProducerRecord<String, byte[]>> out = new ArrayList<>(outcomes.size() * 2);
        int alerts = 0;
        for (ScoringEngine.Outcome outcome : outcomes) {
            String key = outcome.score().accountId();
            out.add(KafkaProducerRecord.create(config.topics().scores(), key, Json.toBytes(outcome.score())));
            if (outcome.alerted()) {
                alerts++;
                out.add(KafkaProducerRecord.create(config.topics().alerts(), key, Json.toBytes(outcome.alert())));
            }
        }
        int raised = alerts;
        return Producers.sendAll(producer, out).onSuccess(v -> {
            stats.scored.addAndGet(outcomes.size());
            stats.alertsRaised.addAndGet(raised);
        });
    }
}
