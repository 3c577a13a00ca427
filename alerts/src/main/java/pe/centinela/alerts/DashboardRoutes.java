package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;
import pe.centinela.core.domain.AlertStatus;

/**
 * The dashboard's figures for any logged-in user: alerts stored per hour, where the window's alerts stand by status,
 * the precision of decisions per Lima day (confirmed frauds among decided alerts) and the model in force.
 */
public final class DashboardRoutes implements ApiRoutes {

    private static final int DEFAULT_HOURS = 24;
    private static final int DEFAULT_DAYS = 14;

    private Pool pool;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        operations.handle("dashboard", this::dashboard);
    }

    /** hours and days are checked against their ranges by the contract. */
    private void dashboard(RoutingContext ctx) {
        int hours = QueryParams.integer(ctx, "hours", DEFAULT_HOURS);
        int days = QueryParams.integer(ctx, "days", DEFAULT_DAYS);
        Future<RowSet<Row>> perHour =
                pool.preparedQuery(DashboardQueries.ALERTS_PER_HOUR).execute(Tuple.of(hours));
        Future<RowSet<Row>> statuses =
                pool.preparedQuery(DashboardQueries.STATUS_COUNTS).execute(Tuple.of(hours));
        Future<RowSet<Row>> perDay =
                pool.preparedQuery(DashboardQueries.DECISIONS_PER_DAY).execute(Tuple.of(days));
        Future<RowSet<Row>> model = pool.query(DashboardQueries.MODEL_IN_FORCE).execute();
        Future<JsonObject> cases = cases(days);
        Future.all(perHour, statuses, perDay, model, cases)
                .onSuccess(all -> HttpErrors.json(
                        ctx.response(),
                        200,
                        new JsonObject()
                                .put("hours", hours)
                                .put("days", days)
                                .put("alerts_per_hour", alertsPerHour(perHour.result()))
                                .put("decisions", decisions(statuses.result()))
                                .put("precision_per_day", precisionPerDay(perDay.result()))
                                .put("model", model(model.result()))
                                .put("cases", cases.result())))
                .onFailure(ctx::fail);
    }

    /** The analysts' figures over the last {@code days}: cases per day, time to decision, SLA, precision by source, soles saved. */
    private Future<JsonObject> cases(int days) {
        Tuple window = Tuple.of(days);
        Future<RowSet<Row>> perDay =
                pool.preparedQuery(DashboardQueries.CASES_PER_DAY).execute(window);
        Future<RowSet<Row>> figures =
                pool.preparedQuery(DashboardQueries.CASE_FIGURES).execute(window);
        Future<RowSet<Row>> bySource =
                pool.preparedQuery(DashboardQueries.CASES_BY_SOURCE).execute(window);
        Future<RowSet<Row>> saved =
                pool.preparedQuery(DashboardQueries.AMOUNT_SAVED).execute(window);
        return Future.all(perDay, figures, bySource, saved).map(all -> {
            JsonArray daily = new JsonArray();
            perDay.result()
                    .forEach(row -> daily.add(new JsonObject()
                            .put("day", row.getString("day"))
                            .put("opened", row.getLong("opened"))
                            .put("closed", row.getLong("closed"))));
            JsonArray sources = new JsonArray();
            bySource.result().forEach(row -> {
                long closed = row.getLong("closed");
                long fraud = row.getLong("fraud");
                sources.add(new JsonObject()
                        .put("source", row.getString("source"))
                        .put("closed", closed)
                        .put("fraud", fraud)
                        .put("precision", closed == 0 ? null : (double) fraud / closed));
            });
            Row figure = figures.result().iterator().next();
            Row soles = saved.result().iterator().next();
            return new JsonObject()
                    .put("per_day", daily)
                    .put("median_hours_to_decision", figure.getDouble("median_hours"))
                    .put("overdue_now", figure.getLong("overdue"))
                    .put("closed_late", figure.getLong("closed_late"))
                    .put("by_source", sources)
                    .put("saved_declined_pen", soles.getString("declined"))
                    .put("saved_confirmed_pen", soles.getString("confirmed"));
        });
    }

    private static JsonArray alertsPerHour(RowSet<Row> rows) {
        JsonArray hours = new JsonArray();
        rows.forEach(row -> hours.add(new JsonObject()
                .put("hour", row.getOffsetDateTime("hour").toInstant().toString())
                .put("count", row.getLong("count"))));
        return hours;
    }

    private static JsonObject decisions(RowSet<Row> rows) {
        JsonObject counts = new JsonObject();
        for (AlertStatus status : AlertStatus.values()) {
            counts.put(status.code(), 0L);
        }
        rows.forEach(row -> counts.put(row.getString("status"), row.getLong("count")));
        return counts;
    }

    private static JsonArray precisionPerDay(RowSet<Row> rows) {
        JsonArray days = new JsonArray();
        rows.forEach(row -> {
            long confirmed = row.getLong("confirmed");
            long decided = row.getLong("decided");
            days.add(new JsonObject()
                    .put("day", row.getString("day"))
                    .put("confirmed", confirmed)
                    .put("decided", decided)
                    .put("precision", decided == 0 ? null : (double) confirmed / decided));
        });
        return days;
    }

    private static JsonObject model(RowSet<Row> rows) {
        for (Row row : rows) {
            return new JsonObject()
                    .put("version", row.getString("version"))
                    .put("threshold", row.getDouble("threshold"))
                    .put("source", row.getString("source"));
        }
        return null;
    }
}
