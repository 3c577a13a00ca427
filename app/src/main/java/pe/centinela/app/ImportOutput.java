package pe.centinela.app;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.validation.DeadLetter;

/** Where an import's rows go. */
interface ImportOutput extends AutoCloseable {

    void accepted(Transaction transaction);

    void rejected(DeadLetter letter);

    /** A label of a stored transaction (fraud import-labels). */
    void label(Label label);

    /** Waits until everything was delivered; fails if anything was not. */
    void finish();

    @Override
    void close();

    /** A dry run: nothing leaves the process. */
    final class Counting implements ImportOutput {
        @Override
        public void accepted(Transaction transaction) {}

        @Override
        public void rejected(DeadLetter letter) {}

        @Override
        public void label(Label label) {}

        @Override
        public void finish() {}

        @Override
        public void close() {}
    }

    /**
     * Publishes with a batching, compressing, idempotent producer; the first delivery failure stops the import. A broker
     * that stalls is waited for as long as a record may take to be delivered; a full buffer waits longer than that, so
     * what stops an import is a record that could not be delivered, with Kafka's reason, never a busy buffer.
     */
    final class ToKafka implements ImportOutput {
        private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(5);
        private final KafkaProducer<String, byte[]> producer;
        private final PlatformConfig.Topics topics;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        ToKafka(PlatformConfig config) {
            this.topics = config.topics();
            this.producer = new KafkaProducer<>(
                    KafkaClients.connection(
                            config.kafka(),
                            Map.of(
                                    ProducerConfig.CLIENT_ID_CONFIG,
                                    config.kafka().groupPrefix() + "-import",
                                    ProducerConfig.ACKS_CONFIG,
                                    "all",
                                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                    "true",
                                    ProducerConfig.LINGER_MS_CONFIG,
                                    "20",
                                    ProducerConfig.BATCH_SIZE_CONFIG,
                                    Integer.toString(256 * 1024),
                                    ProducerConfig.COMPRESSION_TYPE_CONFIG,
                                    "lz4",
                                    ProducerConfig.BUFFER_MEMORY_CONFIG,
                                    Long.toString(64L * 1024 * 1024),
                                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                    Long.toString(DELIVERY_TIMEOUT.toMillis()),
                                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                    Long.toString(
                                            DELIVERY_TIMEOUT.multipliedBy(2).toMillis()))),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }

        @Override
        public void accepted(Transaction transaction) {
            send(new ProducerRecord<>(topics.transactions(), transaction.accountId(), Json.toBytes(transaction)));
        }

        @Override
        public void label(Label label) {
            send(new ProducerRecord<>(topics.labels(), label.accountId(), Json.toBytes(label)));
        }

        @Override
        public void rejected(DeadLetter letter) {
            send(new ProducerRecord<>(topics.deadLetters(), letter.sourceName(), Json.toBytes(letter)));
        }

        private void send(ProducerRecord<String, byte[]> record) {
            Exception failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("publishing to Kafka failed: " + failed.getMessage(), failed);
            }
            // the callback keeps the first failure, which the next send or finish() reports
            var unused = producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }

        @Override
        public void finish() {
            producer.flush();
            Exception failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("publishing to Kafka failed: " + failed.getMessage(), failed);
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
