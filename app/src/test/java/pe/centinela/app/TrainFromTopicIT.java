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
import pe.centinela.core.json.Json;
import pe.centinela.embedded.EmbeddedKafka;
import pe.centinela.generator.GeneratedTransaction;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import picocli.CommandLine;

/** fraud train --from-topic: the stored history on the canonical topic, merged across partitions in time order. */
class TrainFromTopicIT {

    @Test
    void aModelIsTrainedOnTheCanonicalTopic(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            Path config = dir.resolve("fraud.properties");
            Files.writeString(config, "kafka.bootstrap-servers=" + kafka.bootstrapServers() + "\n");
            pe.centinela.adapters.kafka.TopicAdmin.ensureTopics(pe.centinela.core.config.PlatformConfig.from(
                    pe.centinela.core.config.Settings.of(Map.of("kafka.bootstrap-servers", kafka.bootstrapServers()))));
            TransactionGenerator generator =
                    new TransactionGenerator(GeneratorSettings.defaults(6, Instant.parse("2026-01-01T00:00:00Z"))
                            .withAccounts(300)
                            .withFraudRate(0.03));
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < 5_000; i++) {
                    GeneratedTransaction row = generator.next();
                    producer.send(new ProducerRecord<>(
                            "fraud.transactions", row.transaction().accountId(), Json.toBytes(row.transaction())));
                }
            }
            StringWriter err = new StringWriter();
            CommandLine cli = FraudCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            java.security.KeyPair keys = pe.centinela.core.signing.SigningKeys.generate();
            pe.centinela.core.signing.SigningKeys.write(
                    keys, dir.resolve("signing.pem"), dir.resolve("signing.pub.pem"));
            int code = cli.execute(
                    "train",
                    "--from-topic",
                    "--config",
                    config.toString(),
                    "--model",
                    "logistic",
                    "--model-dir",
                    dir.resolve("models").toString(),
                    "--signing-key",
                    dir.resolve("signing.pem").toString());
            assertThat(code).as(err.toString()).isZero();
            try (var bundles = Files.list(dir.resolve("models"))) {
                Path bundle = bundles.findFirst().orElseThrow();
                assertThat(Files.readString(bundle.resolve("manifest.json")))
                        .contains("\"training_rows\"", "\"validation_roc_auc\"");
            }
        }
    }

    @Test
    void chargebacksImportedLaterLabelTheStoredHistoryAndUnlabelledRecentTransactionsWait(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            Path config = dir.resolve("fraud.properties");
            Files.writeString(config, "kafka.bootstrap-servers=" + kafka.bootstrapServers() + "\n");
            pe.centinela.core.config.PlatformConfig platform = pe.centinela.core.config.PlatformConfig.from(
                    pe.centinela.core.config.Settings.of(Map.of("kafka.bootstrap-servers", kafka.bootstrapServers())));
            pe.centinela.adapters.kafka.TopicAdmin.ensureTopics(platform);
            TransactionGenerator generator =
                    new TransactionGenerator(GeneratorSettings.defaults(7, Instant.parse("2026-01-01T00:00:00Z"))
                            .withAccounts(300)
                            .withFraudRate(0.03));
            java.util.List<pe.centinela.core.domain.Transaction> sent = new java.util.ArrayList<>();
            StringBuilder chargebacks = new StringBuilder("id_operacion;contracargo;fecha\n");
            java.util.List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> deliveries =
                    new java.util.ArrayList<>();
            int frauds = 0;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            kafka.bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "1",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            "false"),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < 5_000; i++) {
                    pe.centinela.core.domain.Transaction tx = generator.next().transaction();
                    pe.centinela.core.domain.Transaction unlabelled = tx.withFraudLabel(null);
                    sent.add(unlabelled);
                    deliveries.add(producer.send(
                            new ProducerRecord<>("fraud.transactions", tx.accountId(), Json.toBytes(unlabelled))));
                    if (Boolean.TRUE.equals(tx.fraudLabel())) {
                        frauds++;
                        chargebacks.append(tx.transactionId()).append(";si;2026-03-01\n");
                    }
                }
            }
            int badLine = frauds + 4;
            for (var delivery : deliveries) {
                delivery.get();
            }
            String someFraud = chargebacks
                    .toString()
                    .lines()
                    .skip(1)
                    .findFirst()
                    .orElseThrow()
                    .split(";", -1)[0];
            chargebacks.append(someFraud).append(";no;2026-03-02\n");
            chargebacks.append("tx-never-stored;si;2026-03-01\n");
            chargebacks.append(someFraud).append(";quizas;2026-03-03\n");
            Path file = dir.resolve("contracargos.csv");
            Files.writeString(file, chargebacks);

            Cli.Run imported = Cli.fraud(
                    "import-labels",
                    file.toString(),
                    "--config",
                    config.toString(),
                    "--delimiter",
                    ";",
                    "--map",
                    "transaction_id=id_operacion",
                    "--map",
                    "fraud_label=contracargo",
                    "--map",
                    "decided_at=fecha");
            assertThat(imported.code()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("published   " + (frauds + 1) + " labels (" + frauds + " fraud)");
            java.util.List<pe.centinela.core.validation.DeadLetter> letters =
                    pe.centinela.scoring.training.StoredHistory.readAll(
                            platform, platform.topics().deadLetters(), pe.centinela.core.validation.DeadLetter.class);
            assertThat(letters)
                    .extracting(l -> l.reasons().get(0).code())
                    .containsExactlyInAnyOrder("unknown_transaction", "not_a_label");
            assertThat(letters)
                    .filteredOn(l -> l.reasons().get(0).code().equals("not_a_label"))
                    .singleElement()
                    .satisfies(l -> assertThat(l.location()).endsWith("line " + badLine));

            Cli.Run trained = Cli.fraud(
                    "train",
                    "--from-topic",
                    "--config",
                    config.toString(),
                    "--model",
                    "logistic",
                    "--model-dir",
                    dir.resolve("models").toString(),
                    "--signing-key",
                    signingKey(dir).toString());
            assertThat(trained.code()).as(trained.err()).isZero();
            com.fasterxml.jackson.databind.JsonNode metrics;
            try (var bundles = Files.list(dir.resolve("models"))) {
                metrics = Json.mapper()
                        .readTree(bundles.findFirst()
                                .orElseThrow()
                                .resolve("manifest.json")
                                .toFile())
                        .get("metrics");
            }
            assertThat(metrics.get("training_frauds").asDouble()
                            + metrics.get("validation_frauds").asDouble())
                    .as("the latest decision wins: one fraud was taken back")
                    .isEqualTo(frauds - 1.0);
            Instant end = sent.stream()
                    .map(pe.centinela.core.domain.Transaction::timestamp)
                    .max(java.util.Comparator.naturalOrder())
                    .orElseThrow()
                    .plusSeconds(1);
            java.util.Set<String> labelled = chargebacks
                    .toString()
                    .lines()
                    .skip(1)
                    .map(l -> l.split(";", -1)[0])
                    .collect(java.util.stream.Collectors.toSet());
            long waiting = sent.stream()
                    .filter(t -> !labelled.contains(t.transactionId())
                            && !t.timestamp().isBefore(end.minus(java.time.Duration.ofDays(3))))
                    .count();
            assertThat(waiting)
                    .as("the history's last three days hold unlabelled transactions")
                    .isPositive();
            assertThat(metrics.get("training_rows").asDouble()
                            + metrics.get("validation_rows").asDouble())
                    .isEqualTo(5_000.0 - waiting);
        }
    }

    private static Path signingKey(Path dir) throws Exception {
        java.security.KeyPair keys = pe.centinela.core.signing.SigningKeys.generate();
        pe.centinela.core.signing.SigningKeys.write(keys, dir.resolve("signing.pem"), dir.resolve("signing.pub.pem"));
        return dir.resolve("signing.pem");
    }
}
