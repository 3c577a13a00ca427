package pe.centinela.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.json.Json;
import pe.centinela.core.model.SourceMetadata;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.TransactionDecoder;
import pe.centinela.runtime.BatchConsumer;
import pe.centinela.runtime.KafkaClients;
import pe.centinela.runtime.PipelineStats;
import pe.centinela.runtime.Producers;

/**
 * Takes raw JSON transactions from a Kafka topic, checks them, and publishes each either to the canonical topic
 * (keyed by account) or to the dead-letter topic with its reasons. Offsets are committed once both are written.
 */
public final class KafkaIngestVerticle extends VerticleBase {

    public static final String SOURCE_KIND = "kafka";

    private final PlatformConfig config;
    private final PipelineStats stats;
    private final Clock clock;
    private TransactionDecoder decoder;
    private KafkaProducer<String, byte[]> producer;
    private BatchConsumer<byte[]> consumer;

    public KafkaIngestVerticle(PlatformConfig config, PipelineStats stats, Clock clock) {
        this.config = config;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        decoder = new TransactionDecoder(clock, config.ingest().maxFutureSkew(),
                Map.of("PEN", BigDecimal.ONE, "USD", BigDecimal.valueOf(config.ingest().usdToPen())));
        producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "ingest"));
        KafkaConsumer<String, byte[]> kafkaConsumer = KafkaConsumer.create(vertx, KafkaClients.consumer(config.kafka(), "ingest", 1000));
        consumer = new BatchConsumer<>(vertx, kafkaConsumer, config.topics().raw(), this::ingest);
        return consumer.start();
    }

    @Override
    public Future<?> stop() {
        return consumer.stop().eventually(() -> producer.close());
    }

    private Future<Void> ingest(List<KafkaConsumerRecord<String, byte[]>> batch) {
        Instant receivedAt = clock.instant();
        SourceMetadata source = new SourceMetadata(config.ingest().sourceName(), SOURCE_KIND, null, receivedAt, SourceMetadata.CURRENT_SCHEMA_VERSION);
        List<KafkaProducerRecord<String, byte[]>> out = new ArrayList<>(batch.size());
        int rejected = 0;
        for (KafkaConsumerRecord<String, byte[]> record : batch) {
            byte[] payload = record.value() == null ? new byte[0] : record.value();
            TransactionDecoder.Result result = decoder.decode(payload, source);
            if (result.valid()) {
                out.add(KafkaProducerRecord.create(config.topics().transactions(), result.transaction().accountId(), Json.toBytes(result.transaction())));
            } else {
                rejected++;
                DeadLetter letter = new DeadLetter(source.name(), SOURCE_KIND, new String(payload, StandardCharsets.UTF_8), result.violations(), receivedAt);
                out.add(KafkaProducerRecord.create(config.topics().deadLetters(), record.key(), Json.toBytes(letter)));
            }
        }
        int accepted = batch.size() - rejected;
        int deadLettered = rejected;
        return Producers.sendAll(producer, out).onSuccess(v -> {
            stats.ingested.addAndGet(accepted);
            stats.deadLettered.addAndGet(deadLettered);
        });
    }
}
