package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;

/**
 * Publishes the label outbox to {@code topics.labels}: woken by each decision and every few seconds, it claims
 * pending labels ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work), waits for Kafka's acknowledgement,
 * then marks them published in the same transaction. At least once: a crash between the two republishes.
 */
public final class LabelRelayVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(LabelRelayVerticle.class);
    private static final int BATCH = 200;
    private static final long TICK_MILLIS = 5_000;

    private final PlatformConfig config;
    private Pool pool;
    private KafkaProducer<String, byte[]> producer;
    private boolean running;
    private boolean again;

    public LabelRelayVerticle(PlatformConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        pool = Database.pool(vertx, config.postgres());
        producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "alerts-label-relay"));
        vertx.eventBus().consumer(LabelOutbox.PENDING_ADDRESS, message -> relay());
        vertx.setPeriodic(TICK_MILLIS, id -> relay());
        relay();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return producer.close().eventually(() -> pool.close());
    }

    private void relay() {
        if (running) {
            again = true;
            return;
        }
        running = true;
        again = false;
        pool.withTransaction(this::publishPending).onComplete(result -> {
            running = false;
            if (result.failed()) {
                LOG.warn(
                        "labels not relayed yet, will retry: {}", result.cause().getMessage());
            } else if (result.result() == BATCH || again) {
                relay();
            }
        });
    }

    private Future<Integer> publishPending(SqlConnection conn) {
        return conn.preparedQuery(LabelOutbox.CLAIM).execute(Tuple.of(BATCH)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture(0);
            }
            return send(rows)
                    .compose(ids -> conn.preparedQuery(LabelOutbox.MARK_PUBLISHED)
                            .execute(Tuple.of(ids.toArray(new Long[0])))
                            .map(ids.size()));
        });
    }

    private Future<List<Long>> send(RowSet<Row> rows) {
        List<Long> ids = new ArrayList<>();
        List<Future<?>> sent = new ArrayList<>();
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            sent.add(producer.send(KafkaProducerRecord.create(
                    config.topics().labels(),
                    row.getString("account_id"),
                    row.getString("label").getBytes(StandardCharsets.UTF_8))));
        }
        return Future.all(sent).map(ids);
    }
}
