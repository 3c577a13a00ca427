package pe.centinela.adapters.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import pe.centinela.adapters.kafka.TopicRecords;
import pe.centinela.core.validation.Violation;

/**
 * Stores a batch of records the platform wrote to one of its topics. A record that cannot be read becomes a dead letter;
 * when PostgreSQL refuses the batch's data itself (through the reactive client or, for a {@code COPY}, JDBC) (SQLSTATE class 22, a data exception, or 23, a broken constraint:
 * the same every time it is retried), the batch is stored one record at a time and each record it refuses becomes a
 * dead letter with PostgreSQL's reason, so one bad row cannot stop the stage. Any other failure fails the batch, to be
 * retried whole.
 */
public final class DatabaseBatches<T> {

    private final Class<T> type;
    private final Function<T, List<Violation>> required;
    private final Function<List<T>, Future<Void>> insert;
    private final Function<List<TopicRecords.Rejected>, Future<Void>> deadLetters;
    private Vertx decodingOn;

    public DatabaseBatches(
            Class<T> type,
            Function<T, List<Violation>> required,
            Function<List<T>, Future<Void>> insert,
            Function<List<TopicRecords.Rejected>, Future<Void>> deadLetters) {
        this.type = type;
        this.required = required;
        this.insert = insert;
        this.deadLetters = deadLetters;
    }

    /**
     * Reads the records on a worker thread instead of the caller's event loop: for large batches nobody waits on (a
     * history's thousand records take milliseconds to read, and every stage sharing the loop would wait behind them).
     */
    public DatabaseBatches<T> decodedOnWorker(Vertx vertx) {
        decodingOn = vertx;
        return this;
    }

    public Future<Void> store(List<KafkaConsumerRecord<String, byte[]>> batch) {
        Instant now = Instant.now();
        Future<TopicRecords.Decoded<T>> decoding = decodingOn == null
                ? Future.succeededFuture(TopicRecords.decode(batch, type, required, now))
                : decodingOn.executeBlocking(() -> TopicRecords.decode(batch, type, required, now), false);
        return decoding.compose(decoded -> deadLetters
                .apply(decoded.rejected())
                .compose(v -> insert.apply(decoded.values()))
                .recover(e -> refusedAsData(e) && decoded.values().size() > 1
                        ? oneAtATime(batch, now)
                        : failedUnlessRefused(e, batch, now)));
    }

    private Future<Void> oneAtATime(List<KafkaConsumerRecord<String, byte[]>> batch, Instant now) {
        Future<Void> chain = Future.succeededFuture();
        for (KafkaConsumerRecord<String, byte[]> record : batch) {
            TopicRecords.Read<T> read = TopicRecords.read(record, type, required);
            if (read.usable()) {
                chain = chain.compose(v ->
                        insert.apply(List.of(read.value())).recover(e -> failedUnlessRefused(e, List.of(record), now)));
            }
        }
        return chain;
    }

    /** A single usable record that PostgreSQL refused becomes a dead letter; anything else stays a failure. */
    private Future<Void> failedUnlessRefused(
            Throwable e, List<KafkaConsumerRecord<String, byte[]>> records, Instant now) {
        if (!refusedAsData(e)) {
            return Future.failedFuture(e);
        }
        List<TopicRecords.Rejected> refused = records.stream()
                .filter(r -> TopicRecords.read(r, type, required).usable())
                .map(r -> TopicRecords.rejected(
                        r,
                        List.of(new Violation("record", "refused_by_database", "PostgreSQL refused it: " + reason(e))),
                        now))
                .toList();
        return deadLetters.apply(refused);
    }

    /** PostgreSQL's message with its SQLSTATE, as the reactive client words it: "ERROR: … (22021)". */
    private static String reason(Throwable e) {
        return e instanceof SQLException sql ? sql.getMessage() + " (" + sql.getSQLState() + ")" : e.getMessage();
    }

    static boolean refusedAsData(Throwable e) {
        String state = e instanceof PgException pg
                ? pg.getSqlState()
                : e instanceof SQLException sql ? sql.getSQLState() : null;
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
