package pe.centinela.runtime;

import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.json.Json;

/** Sends a batch of records and succeeds once the broker acknowledged all of them. */
public final class Producers {

    private Producers() {
    }

    public static <V> Future<Void> sendAll(KafkaProducer<String, V> producer, List<KafkaProducerRecord<String, V>> records) {
        if (records.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<?>> sent = new ArrayList<>(records.size());
        for (KafkaProducerRecord<String, V> record : records) {
            sent.add(producer.send(record));
        }
        return Future.all(sent).mapEmpty();
    }

    /** Publishes the records set aside to the dead-letter topic, keyed as they were; counts them once acknowledged. */
    public static Future<Void> deadLetters(KafkaProducer<String, byte[]> producer, String topic, List<Records.Rejected> rejected, PipelineStats stats) {
        List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(rejected.size());
        rejected.forEach(r -> records.add(KafkaProducerRecord.create(topic, r.key(), Json.toBytes(r.letter()))));
        return sendAll(producer, records).onSuccess(v -> rejected.forEach(r -> stats.rejected(r.letter())));
    }
}
