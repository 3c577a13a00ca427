package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.embedded.EmbeddedKafka;
import pe.centinela.embedded.SelfSignedCertificate;

/** The platform's Kafka clients (admin, producer, consumer) over TLS with a SCRAM-SHA-512 login, on a real KRaft broker. */
class KafkaSaslSslIT {

    private static final String USER = "centinela";
    private static final String PASSWORD = "scram-it-password";

    @TempDir
    static Path dir;

    static SelfSignedCertificate certificate;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.create(dir.resolve("certs"), "broker");
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0)
                .withSaslSsl(certificate, USER, PASSWORD)
                .start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static PlatformConfig config(String password) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap-servers", kafka.saslSslBootstrapServers());
        settings.put("kafka.security-protocol", "SASL_SSL");
        settings.put("kafka.sasl.user", USER);
        settings.put("kafka.sasl.password", password);
        settings.put("kafka.ssl.truststore-file", certificate.trustStore().toString());
        settings.put("kafka.ssl.truststore-password", certificate.storePassword());
        settings.put("kafka.request-timeout", "10s");
        return PlatformConfig.from(Settings.of(settings));
    }

    @Test
    void theClientsCreateTopicsProduceAndConsumeThroughSaslSsl() throws Exception {
        PlatformConfig config = config(PASSWORD);
        assertThat(TopicAdmin.ensureTopics(config)).contains(config.topics().raw());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(new HashMap<String, Object>(KafkaClients.producer(config.kafka(), "it")))) {
            producer.send(new ProducerRecord<>(
                            config.topics().raw(), "acct-1", "{\"over\":\"tls\"}".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(new HashMap<String, Object>(KafkaClients.consumer(config.kafka(), "it", 10)))) {
            consumer.subscribe(List.of(config.topics().raw()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(record.key() + "=" + new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(read).containsExactly("acct-1={\"over\":\"tls\"}");
    }

    @Test
    void aWrongPasswordIsRefusedByTheBroker() {
        assertThatThrownBy(() -> TopicAdmin.ensureTopics(config("not-the-password")))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class)
                .hasStackTraceContaining("invalid credentials");
    }
}
