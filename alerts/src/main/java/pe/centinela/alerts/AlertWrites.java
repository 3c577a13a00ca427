package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.cases.LinkWaves;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;

/**
 * Stores alerts, each in its case ({@link AlertQueries#INSERT_ALERTS}): wave after wave of the batch, so an alert linked
 * to an earlier one of the same batch finds that one's case ({@link LinkWaves}). With webhooks on, the
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

    /**
     * The wave's alerts of accounts with an active case first ({@link AlertQueries#INTO_OPEN_CASES}, cheap to plan),
     * then, only if some are left, the whole wave through the case search, which skips those just stored.
     */
    private Future<List<Row>> insertWave(List<Alert> wave) {
        String[][] events = webhooks ? WebhookEvents.createdColumns(wave, Instant.now()) : null;
        Tuple columns = AlertRows.columns(wave);
        Future<RowSet<Row>> inOpenCases = webhooks
                ? pool.preparedQuery(AlertQueries.INTO_OPEN_CASES_AND_WEBHOOKS)
                        .execute(columns.addValue(events[0]).addValue(events[1]))
                : pool.preparedQuery(AlertQueries.INTO_OPEN_CASES).execute(columns);
        return inOpenCases.compose(first -> {
            List<Row> stored = new ArrayList<>(wave.size());
            first.forEach(stored::add);
            if (stored.size() == wave.size()) {
                return Future.succeededFuture(stored);
            }
            return searchingCases(wave, events).map(rest -> {
                rest.forEach(stored::add);
                return stored;
            });
        });
    }

    private Future<RowSet<Row>> searchingCases(List<Alert> wave, String[][] events) {
        Tuple parameters = AlertRows.insertParameters(wave, cases);
        if (!webhooks) {
            return pool.preparedQuery(AlertQueries.INSERT_ALERTS).execute(parameters);
        }
        return pool.preparedQuery(AlertQueries.INSERT_ALERTS_AND_WEBHOOKS)
                .execute(parameters.addValue(events[0]).addValue(events[1]));
    }
}
