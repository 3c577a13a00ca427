package pe.centinela.runtime;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import pe.centinela.core.json.Json;

/**
 * Sends a batch of records and succeeds once the broker acknowledged all of them. The whole batch is handed to
 * Kafka's producer in one call on a worker (its {@code send} may block on metadata), and the caller's context hears
 * back once: per-record hops between threads cost more than the sends themselves at tens of thousands a second.
 * Records keep their order: batches of one context are sent in turn.
 */
public final class Producers {

    private Producers() {
    }

    public static <V> Future<Void> sendAll(KafkaProducer<String, V> producer, List<KafkaProducerRecord<String, V>> records) {
        if (records.isEmpty()) {
            return Future.succeededFuture();
        }
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("sendAll runs on a Vert.x context");
        }
        Promise<Void> acknowledged = Promise.promise();
        Callback callback = new BatchCallback(records.size(), context, acknowledged);
        Producer<String, V> kafka = producer.unwrap();
        context.owner().executeBlocking(() -> {
            for (KafkaProducerRecord<String, V> record : records) {
                kafka.send(record.record(), callback);
            }
            return null;
        }).onFailure(acknowledged::tryFail);
        return acknowledged.future();
    }

    /** Counts acknowledgements down and completes the promise on the sender's context once, with the first failure if any. */
    private static final class BatchCallback implements Callback {
        private final AtomicInteger remaining;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Context context;
        private final Promise<Void> acknowledged;

        BatchCallback(int records, Context context, Promise<Void> acknowledged) {
            this.remaining = new AtomicInteger(records);
            this.context = context;
            this.acknowledged = acknowledged;
        }

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
            if (remaining.decrementAndGet() == 0) {
                Exception first = failure.get();
                context.runOnContext(v -> {
                    if (first == null) {
                        acknowledged.tryComplete();
                    } else {
                        acknowledged.tryFail(first);
                    }
                });
            }
        }
    }

    /** Publishes the records set aside to the dead-letter topic, keyed as they were; counts them once acknowledged. */
    public static Future<Void> deadLetters(KafkaProducer<String, byte[]> producer, String topic, List<Records.Rejected> rejected, PipelineStats stats) {
        List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(rejected.size());
        rejected.forEach(r -> records.add(KafkaProducerRecord.create(topic, r.key(), Json.toBytes(r.letter()))));
        return sendAll(producer, records).onSuccess(v -> rejected.forEach(r -> stats.rejected(r.letter())));
    }
}
