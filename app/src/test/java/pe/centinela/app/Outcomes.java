package pe.centinela.app;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.TopicReader;
import pe.centinela.generator.TransactionGenerator;

/** What the fault-injection tests send and count: generated traffic in, scores, alerts and stored alerts out. */
final class Outcomes {

    private Outcomes() {}

    /** The settings of a platform on this infrastructure whose model alerts on a tenth of the traffic. */
    static Map<String, String> settings(EmbeddedInfrastructure infrastructure, Path dir) {
        Map<String, String> s = new HashMap<>(infrastructure.settings());
        s.put("http.host", "127.0.0.1");
        s.put("http.port", "0");
        s.put("scoring.model-dir", dir.resolve("models").toString());
        s.put("scoring.alert-threshold", "0.9");
        s.putAll(TestKeys.settings());
        return s;
    }

    /** Sends {@code count} generated transactions and waits until the broker acknowledged them. */
    static int send(KafkaProducer<String, byte[]> producer, String topic, TransactionGenerator generator, int count) {
        for (int i = 0; i < count; i++) {
            Transaction tx = generator.next().transaction();
            producer.send(new ProducerRecord<>(topic, tx.accountId(), Json.toBytes(tx)));
        }
        producer.flush();
        return count;
    }

    static Set<String> scoredTransactionIds(TopicReader reader, String topic) throws Exception {
        Set<String> ids = new HashSet<>();
        reader.readAll(topic, reader.count(topic), Duration.ofSeconds(30))
                .forEach(r ->
                        ids.add(Json.fromBytes(r.value(), ScoreRecord.class).transactionId()));
        return ids;
    }

    static Set<String> raisedAlertIds(TopicReader reader, String topic) throws Exception {
        Set<String> ids = new HashSet<>();
        reader.readAll(topic, reader.count(topic), Duration.ofSeconds(30))
                .forEach(r -> ids.add(Json.fromBytes(r.value(), Alert.class).alertId()));
        return ids;
    }

    static List<String> storedAlertIds(EmbeddedPostgresServer postgres) throws Exception {
        List<String> ids = new ArrayList<>();
        try (var c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                ResultSet rows = c.createStatement().executeQuery("SELECT alert_id FROM alerts")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
