package pe.centinela.scoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;

/** Canonical transactions of 60 accounts sent in groups of 40 with a pause after each, so that changes land mid-stream. */
final class PacedTraffic {

    private PacedTraffic() {}

    static void send(KafkaProducer<String, byte[]> producer, String topic, String idPrefix, int count, Duration pause) {
        send(producer, topic, idPrefix, count, pause, () -> true);
    }

    /** The same, pausing only while {@code paced} holds; once it does not, the rest is sent at once. */
    static void send(
            KafkaProducer<String, byte[]> producer,
            String topic,
            String idPrefix,
            int count,
            Duration pause,
            BooleanSupplier paced) {
        Random random = new Random(7);
        Instant t = Instant.parse("2026-11-01T12:00:00Z");
        for (int i = 0; i < count; i++) {
            t = t.plusSeconds(30 + random.nextInt(600));
            String account = "acc-" + random.nextInt(60);
            BigDecimal amount = BigDecimal.valueOf(5 + random.nextInt(90_000), 2);
            Transaction tx = new Transaction(
                    idPrefix + i,
                    account,
                    amount,
                    "PEN",
                    amount,
                    "PEN",
                    t,
                    "m-" + random.nextInt(15),
                    "5411",
                    Channel.values()[random.nextInt(3)],
                    null,
                    null,
                    null,
                    "PE",
                    null,
                    null);
            producer.send(new ProducerRecord<>(topic, account, Json.toBytes(tx)));
            if (i % 40 == 39 && paced.getAsBoolean()) {
                producer.flush();
                LockSupport.parkNanos(pause.toNanos());
            }
        }
        producer.flush();
    }
}
