package pe.centinela.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.adapters.kafka.BatchConsumer;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.quality.Intake;

/**
 * Takes raw JSON transactions from a Kafka topic, checks them, and publishes each either to the canonical topic
 * (keyed by account) or to the dead-letter topic with its reasons. Offsets are committed once both are written;
 * a malformed message becomes a dead letter and never stops the consumer.
 */
public final class KafkaIngestVerticle extends VerticleBase {

    public static final String SOURCE_KIND = "kafka";

    private final PlatformConfig config;
    private final PipelineStats stats;
    private final Clock clock;
    private Intake intake;
    private IngestSink sink;
    private BatchConsumer<byte[]> consumer;

    public KafkaIngestVerticle(PlatformConfig config, PipelineStats stats, Clock clock) {
        this.config = config;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        intake = IntakeFactory.create(config.ingest(), clock);
        sink = new IngestSink(vertx, config, "ingest-kafka", stats);
        KafkaConsumer<String, byte[]> kafkaConsumer =
                KafkaConsumer.create(vertx, KafkaClients.consumer(config.kafka(), "ingest", 1000));
        consumer = new BatchConsumer<>(vertx, kafkaConsumer, config.topics().raw(), this::ingest);
        return consumer.start();
    }

    @Override
    public Future<?> stop() {
        return consumer.stop().eventually(() -> sink.close());
    }

    private Future<Void> ingest(List<KafkaConsumerRecord<String, byte[]>> batch) {
        SourceMetadata source = new SourceMetadata(
                config.ingest().sourceName(),
                SOURCE_KIND,
                null,
                clock.instant(),
                SourceMetadata.CURRENT_SCHEMA_VERSION);
        List<IngestSink.Item> items = new ArrayList<>(batch.size());
        for (KafkaConsumerRecord<String, byte[]> record : batch) {
            byte[] payload = record.value() == null ? new byte[0] : record.value();
            String raw = new String(payload, StandardCharsets.UTF_8);
            String location = "partition " + record.partition() + " offset " + record.offset();
            items.add(new IngestSink.Item(intake.fromJson(payload, raw, source, location), raw, location));
        }
        return sink.publish(intake, source, items).mapEmpty();
    }
}
