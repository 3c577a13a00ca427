package pe.centinela.runtime;

import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;

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
}
