package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.cases.LinkWaves;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;

/**
 * Stores alerts, each in its case ({@link AlertQueries#INSERT_ALERTS}): one statement per wave of the batch, so an
 * alert linked to an earlier one of the same batch finds that one's case ({@link LinkWaves}). With webhooks on, the
 * same statement enqueues an {@code alert.created} delivery for each alert it stores. Returns the rows stored (a
 * redelivered alert is skipped).
 */
final class AlertWrites {

    private final Pool pool;
    private final PlatformConfig.Cases cases;
    private final boolean webhooks;

    AlertWrites(Pool pool, PlatformConfig.Cases cases, boolean webhooks) {
        this.pool = pool;
        this.cases = cases;
        this.webhooks = webhooks;
    }

    Future<List<Row>> insert(List<Alert> alerts) {
        List<Row> stored = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (List<Alert> wave : LinkWaves.of(alerts, cases.linkBy())) {
            chain = chain.compose(v -> insertWave(wave).map(rows -> {
                rows.forEach(stored::add);
                return null;
            }));
        }
        return chain.map(v -> stored);
    }

    private Future<io.vertx.sqlclient.RowSet<Row>> insertWave(List<Alert> wave) {
        var parameters = AlertRows.insertParameters(wave, cases);
        if (!webhooks) {
            return pool.preparedQuery(AlertQueries.INSERT_ALERTS).execute(parameters);
        }
        String[][] events = WebhookEvents.createdColumns(wave, Instant.now());
        return pool.preparedQuery(AlertQueries.INSERT_ALERTS_AND_WEBHOOKS)
                .execute(parameters.addValue(events[0]).addValue(events[1]));
    }
}
