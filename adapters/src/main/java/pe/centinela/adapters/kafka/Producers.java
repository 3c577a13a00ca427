package pe.centinela.adapters.kafka;

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
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.json.Json;

/**
 * Sends a batch of records and succeeds once the broker acknowledged all of them. The whole batch is handed to
 * Kafka's producer in one call on a worker (its {@code send} may block on metadata), and the caller's context hears
 * back once: per-record hops between threads cost more than the sends themselves at tens of thousands a second.
 * TopicRecords keep their order: batches of one context are sent in turn.
 */
public final class Producers {

    private Producers() {}

    public static <V> Future<Void> sendAll(
            KafkaProducer<String, V> producer, List<KafkaProducerRecord<String, V>> records) {
        return sendEach(producer, records)
                .compose(sent ->
                        sent.failure() == null ? Future.succeededFuture() : Future.failedFuture(sent.failure()));
    }

    /** What became of each record of a batch: acknowledged or not, and the first failure (null when none). */
    public record Sent(boolean[] acknowledged, Exception failure) {}

    /** Sends a batch and reports, once every record is acknowledged or failed, which were; never fails itself. */
    public static <V> Future<Sent> sendEach(
            KafkaProducer<String, V> producer, List<KafkaProducerRecord<String, V>> records) {
        if (records.isEmpty()) {
            return Future.succeededFuture(new Sent(new boolean[0], null));
        }
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("sending runs on a Vert.x context");
        }
        Promise<Sent> done = Promise.promise();
        BatchCallbacks callbacks = new BatchCallbacks(records.size(), context, done);
        Producer<String, V> kafka = producer.unwrap();
        context.owner()
                .executeBlocking(() -> {
                    for (int i = 0; i < records.size(); i++) {
                        // each record's outcome arrives through its callback, not this Future
                        var unused = kafka.send(records.get(i).record(), callbacks.forRecord(i));
                    }
                    return null;
                })
                .onFailure(e -> done.tryComplete(
                        new Sent(new boolean[records.size()], e instanceof Exception x ? x : new RuntimeException(e))));
        return done.future();
    }

    /** Counts acknowledgements down and completes on the sender's context once, with each record's outcome. */
    private static final class BatchCallbacks {
        private final boolean[] acknowledged;
        private final AtomicInteger remaining;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Context context;
        private final Promise<Sent> done;

        BatchCallbacks(int records, Context context, Promise<Sent> done) {
            this.acknowledged = new boolean[records];
            this.remaining = new AtomicInteger(records);
            this.context = context;
            this.done = done;
        }

        Callback forRecord(int index) {
            return (metadata, e) -> {
                if (e == null) {
                    acknowledged[index] = true;
                } else {
                    failure.compareAndSet(null, e);
                }
                if (remaining.decrementAndGet() == 0) {
                    Sent sent = new Sent(acknowledged, failure.get());
                    context.runOnContext(v -> done.tryComplete(sent));
                }
            };
        }
    }

    /** Publishes the records set aside to the dead-letter topic, keyed as they were; counts them once acknowledged. */
    public static Future<Void> deadLetters(
            KafkaProducer<String, byte[]> producer,
            String topic,
            List<TopicRecords.Rejected> rejected,
            PipelineStats stats) {
        List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(rejected.size());
        rejected.forEach(r -> records.add(KafkaProducerRecord.create(topic, r.key(), Json.toBytes(r.letter()))));
        return sendAll(producer, records).onSuccess(v -> rejected.forEach(r -> stats.rejected(r.letter())));
    }
}
