package pe.centinela.ingest.database;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** The last position each polled source delivered, kept in the platform database. */
final class PositionStore {

    private static final String LOAD = "SELECT position FROM ingest_positions WHERE source_name = $1";
    private static final String SAVE = """
            INSERT INTO ingest_positions (source_name, position, updated_at) VALUES ($1, $2, now())
            ON CONFLICT (source_name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()""";

    private final Pool pool;

    PositionStore(Pool pool) {
        this.pool = pool;
    }

    Future<String> load(String source) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(source)).map(rows -> {
            for (Row row : rows) {
                return row.getString(0);
            }
            return null;
        });
    }

    Future<Void> save(String source, String position) {
        return pool.preparedQuery(SAVE).execute(Tuple.of(source, position)).mapEmpty();
    }
}
