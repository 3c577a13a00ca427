package pe.centinela.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pe.centinela.core.validation.Violation;

class DatabaseBatchesTest {

    record Item(String id) {}

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBatchDecodedOnAWorkerIsReadOffTheEventLoopAndStoredInOrder() throws Exception {
        List<Boolean> readOnEventLoop = new ArrayList<>();
        CompletableFuture<List<Item>> stored = new CompletableFuture<>();
        DatabaseBatches<Item> batches = new DatabaseBatches<Item>(
                        Item.class,
                        item -> {
                            readOnEventLoop.add(Context.isOnEventLoopThread());
                            return List.<Violation>of();
                        },
                        values -> {
                            stored.complete(values);
                            return Future.succeededFuture();
                        },
                        rejected -> Future.succeededFuture())
                .decodedOnWorker(vertx);

        vertx.runOnContext(v -> batches.store(List.of(record(0, "a"), record(1, "b"), record(2, "c"))));

        assertThat(stored.get(10, TimeUnit.SECONDS)).extracting(Item::id).containsExactly("a", "b", "c");
        assertThat(readOnEventLoop).containsExactly(false, false, false);
    }

    private static KafkaConsumerRecord<String, byte[]> record(long offset, String id) {
        byte[] json = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        return new KafkaConsumerRecordImpl<>(new ConsumerRecord<>("fraud.scores", 0, offset, id, json));
    }
}
