package pe.centinela.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Transaction ids already received, in PostgreSQL: survives restarts and is shared by every ingest replica.
 * Ids older than the horizon are purged periodically.
 */
final class PgDuplicateStore {

    private static final String INSERT_NEW = """
            INSERT INTO ingest_seen (transaction_id) SELECT unnest($1::text[])
            ON CONFLICT DO NOTHING RETURNING transaction_id""";
    private static final String FORGET = "DELETE FROM ingest_seen WHERE transaction_id = ANY($1::text[])";
    private static final String PURGE = "DELETE FROM ingest_seen WHERE seen_at < now() - make_interval(secs => $1)";
    private static final long PURGE_EVERY_MS = Duration.ofMinutes(10).toMillis();

    private final Pool pool;
    private final Duration horizon;

    PgDuplicateStore(Vertx vertx, Pool pool, Duration horizon) {
        this.pool = pool;
        this.horizon = horizon;
        vertx.setPeriodic(PURGE_EVERY_MS, PURGE_EVERY_MS, id -> purge());
    }

    /** Records the ids and returns those not seen before (an id twice in the list is returned once). */
    Future<Set<String>> firstSeen(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(Set.of());
        }
        return pool.preparedQuery(INSERT_NEW)
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    for (Row row : rows) {
                        fresh.add(row.getString(0));
                    }
                    return fresh;
                });
    }

    /** Takes back ids recorded by {@link #firstSeen} whose records were then not published. */
    Future<Void> forget(Set<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.preparedQuery(FORGET)
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .mapEmpty();
    }

    Future<Void> purge() {
        return pool.preparedQuery(PURGE)
                .execute(Tuple.of((double) horizon.toSeconds()))
                .mapEmpty();
    }
}
