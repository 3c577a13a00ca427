package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.generator.GeneratedTransaction;
import pe.centinela.core.generator.GeneratorSettings;
import pe.centinela.core.generator.TransactionGenerator;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.EmbeddedKafka;
import picocli.CommandLine;

/** fraud train --from-topic: the stored history on the canonical topic, merged across partitions in time order. */
class TrainFromTopicIT {

    @Test
    void aModelIsTrainedOnTheCanonicalTopic(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            Path config = dir.resolve("fraud.properties");
            Files.writeString(config, "kafka.bootstrap-servers=" + kafka.bootstrapServers() + "\n");
            pe.centinela.runtime.TopicAdmin.ensureTopics(pe.centinela.core.config.PlatformConfig.from(
                    pe.centinela.core.config.Settings.of(Map.of("kafka.bootstrap-servers", kafka.bootstrapServers()))));
            TransactionGenerator generator = new TransactionGenerator(GeneratorSettings.defaults(6, Instant.parse("2026-01-01T00:00:00Z"))
                    .withAccounts(300).withFraudRate(0.03));
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 5_000; i++) {
                    GeneratedTransaction row = generator.next();
                    producer.send(new ProducerRecord<>("fraud.transactions", row.transaction().accountId(), Json.toBytes(row.transaction())));
                }
            }
            StringWriter err = new StringWriter();
            CommandLine cli = FraudCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            java.security.KeyPair keys = pe.centinela.core.signing.SigningKeys.generate();
            pe.centinela.core.signing.SigningKeys.write(keys, dir.resolve("signing.pem"), dir.resolve("signing.pub.pem"));
            int code = cli.execute("train", "--from-topic", "--config", config.toString(), "--model", "logistic", "--model-dir", dir.resolve("models").toString(),
                    "--signing-key", dir.resolve("signing.pem").toString());
            assertThat(code).as(err.toString()).isZero();
            try (var bundles = Files.list(dir.resolve("models"))) {
                Path bundle = bundles.findFirst().orElseThrow();
                assertThat(Files.readString(bundle.resolve("manifest.json"))).contains("\"training_rows\"", "\"validation_roc_auc\"");
            }
        }
    }
}
