package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.List;
import pe.centinela.adapters.kafka.BatchConsumer;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.kafka.Producers;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.adapters.postgres.DatabaseBatches;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.validation.RequiredFields;

/**
 * Stores the alerts topic in PostgreSQL ({@link AlertWrites}: idempotent, a redelivered alert is ignored by its unique
 * key), offsets committed only after the inserts succeeded, and each newly stored alert announced on the event bus for the live API. An alert that cannot be read or lacks a field it is stored by goes to the dead-letter
 * topic instead. Expects the schema migrated ({@link Database#migrate}).
 */
public final class AlertStoreVerticle extends VerticleBase {

    public static final String STORED_ADDRESS = "alerts.stored";

    private final PlatformConfig config;
    private final PipelineStats stats;
    private Pool pool;
    private AlertWrites writes;
    private KafkaProducer<String, byte[]> deadLetters;
    private BatchConsumer<byte[]> consumer;

    public AlertStoreVerticle(PlatformConfig config, PipelineStats stats) {
        this.config = config;
        this.stats = stats;
    }

    @Override
    public Future<?> start() {
        pool = Database.pool(vertx, config.postgres());
        writes = new AlertWrites(pool, config.cases(), config.webhooks().enabled());
        deadLetters = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "alerts-dead-letters"));
        KafkaConsumer<String, byte[]> kafkaConsumer =
                KafkaConsumer.create(vertx, KafkaClients.consumer(config.kafka(), "alerts", 500));
        consumer = new BatchConsumer<>(vertx, kafkaConsumer, config.topics().alerts(), this::store);
        return consumer.start();
    }

    @Override
    public Future<?> stop() {
        Future<Void> stopped = consumer == null ? Future.succeededFuture() : consumer.stop();
        return stopped.eventually(() -> deadLetters == null ? Future.succeededFuture() : deadLetters.close())
                .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
    }

    private Future<Void> store(List<KafkaConsumerRecord<String, byte[]>> batch) {
        return new DatabaseBatches<>(
                        Alert.class,
                        RequiredFields::missing,
                        this::storeAll,
                        rejected -> Producers.deadLetters(
                                deadLetters, config.topics().deadLetters(), rejected, stats))
                .store(batch);
    }

    private Future<Void> storeAll(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return Future.succeededFuture();
        }
        long started = System.nanoTime();
        return writes.insert(alerts)
                .map(stored -> announce(stored, alerts.size(), Duration.ofNanos(System.nanoTime() - started)));
    }

    private Void announce(List<Row> inserted, int received, Duration took) {
        int stored = 0;
        for (Row row : inserted) {
            stored++;
            vertx.eventBus().publish(STORED_ADDRESS, AlertRows.toJson(row));
        }
        stats.alertsStored(received, stored, took);
        return null;
    }
}
