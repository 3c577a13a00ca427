package pe.centinela.adapters.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import pe.centinela.core.config.KafkaSecurity;
import pe.centinela.core.config.PlatformConfig;

/**
 * Client settings every stage uses: string keys, JSON bytes as values, manual commits, idempotent producers; and the
 * connection settings (brokers, TLS, SCRAM login) every client the platform builds must carry.
 */
public final class KafkaClients {

    private KafkaClients() {}

    /**
     * A consumer that gets each record as soon as it is written (a fetch returns on its first byte). How long the broker
     * holds a fetch with nothing to return is left at Kafka's 500 ms: it delays nothing, and the 20 ms here before made
     * the idle platform's consumers ask the broker about 450 times a second (about 170 since, most of them the scoring
     * stage's micro-batch wait).
     */
    public static Map<String, String> consumer(PlatformConfig.Kafka kafka, String group, int maxPollRecords) {
        Map<String, String> c = new HashMap<>();
        c.putAll(connection(kafka));
        c.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupPrefix() + "-" + group);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        c.put(
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(kafka.requestTimeout().toMillis()));
        c.put(
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                Long.toString(2 * kafka.requestTimeout().toMillis()));
        c.put(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                Long.toString(kafka.sessionTimeout().toMillis()));
        c.put(
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Long.toString(kafka.sessionTimeout().toMillis() / 3));
        return c;
    }

    /** Bytes a canonical transaction takes on the wire, roughly, to size a micro-batch in bytes. */
    private static final int TRANSACTION_BYTES = 400;

    /**
     * A consumer whose polls are micro-batches that close when full or when {@code batchWait} has passed: the broker
     * holds a fetch until it has about a full batch of bytes or the wait is over. With no wait, a batch is what arrived
     * while the one before it was processed.
     */
    public static Map<String, String> microBatchConsumer(
            PlatformConfig.Kafka kafka, String group, int maxBatch, java.time.Duration batchWait) {
        Map<String, String> c = consumer(kafka, group, maxBatch);
        if (batchWait.isZero()) {
            return c;
        }
        c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Long.toString((long) maxBatch * TRANSACTION_BYTES));
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(batchWait.toMillis()));
        return c;
    }

    public static Map<String, String> producer(PlatformConfig.Kafka kafka, String clientId) {
        Map<String, String> p = new HashMap<>();
        p.putAll(connection(kafka));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.groupPrefix() + "-" + clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(kafka.linger().toMillis()));
        p.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(kafka.requestTimeout().toMillis()));
        p.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(kafka.deliveryTimeout().toMillis()));
        return p;
    }

    /** Where the brokers are and how to reach them: for admin clients, and the base of every other client's settings. */
    public static Map<String, String> connection(PlatformConfig.Kafka kafka) {
        Map<String, String> c = new HashMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        KafkaSecurity security = kafka.security();
        c.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, security.protocol().name());
        if (security.truststoreFile() != null) {
            c.put(
                    SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                    security.truststoreFile().toString());
            c.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, security.truststoreType());
            if (!security.truststorePassword().value().isEmpty()) {
                c.put(
                        SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
                        security.truststorePassword().value());
            }
        }
        if (security.protocol() == KafkaSecurity.Protocol.SASL_SSL) {
            c.put(SaslConfigs.SASL_MECHANISM, security.saslMechanism());
            c.put(
                    SaslConfigs.SASL_JAAS_CONFIG,
                    ScramLoginModule.class.getName() + " required username=\"" + jaasQuoted(security.user())
                            + "\" password=\"" + jaasQuoted(security.password().value()) + "\";");
        }
        return c;
    }

    /** As {@link #connection}, with settings of the caller's added (typed as the Kafka client builders want them). */
    public static Map<String, Object> connection(PlatformConfig.Kafka kafka, Map<String, Object> more) {
        Map<String, Object> c = new HashMap<>(connection(kafka));
        c.putAll(more);
        return c;
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
