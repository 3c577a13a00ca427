package pe.centinela.alerts;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.core.cases.SlaBands;

/**
 * The team's SLA bands: {@code GET /api/cases/sla} for everyone who works cases, {@code PUT} for supervisors and
 * admins. The bands live in the database, so every replica's queue, inbox, overdue notice and dashboard use the same
 * ones from the moment they are saved; each change is kept, whole, in {@code case_sla_changes}.
 */
public final class SlaRoutes implements ApiRoutes {

    static final String BANDS = """
            SELECT band, min_severity::float8 AS min_severity, extract(epoch FROM sla)::float8 / 3600 AS sla_hours,
                   updated_by, updated_at
            FROM case_sla ORDER BY min_severity DESC""";

    /** $1 band, $2 threshold, $3 hours, $4 by. */
    static final String SAVE_BAND = """
            UPDATE case_sla SET min_severity = $2, sla = make_interval(secs => $3 * 3600), updated_by = $4,
                   updated_at = now()
            WHERE band = $1""";

    /** $1 by, $2 the bands as saved. */
    static final String RECORD_CHANGE = "INSERT INTO case_sla_changes (actor, bands) VALUES ($1, $2::text::jsonb)";

    private Pool pool;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        operations.handle("getCaseSla", this::get).handle("saveCaseSla", this::save);
    }

    private void get(RoutingContext ctx) {
        pool.query(BANDS)
                .execute()
                .onSuccess(rows -> HttpErrors.json(ctx.response(), 200, toJson(rows)))
                .onFailure(ctx::fail);
    }

    private void save(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        List<SlaBands.Band> bands = new ArrayList<>();
        for (String name : SlaBands.NAMES) {
            JsonObject band = body.getJsonObject(name);
            bands.add(new SlaBands.Band(
                    name,
                    band.getNumber("min_severity", 0).doubleValue(),
                    band.getNumber("sla_hours").doubleValue()));
        }
        var problem = SlaBands.problem(bands);
        if (problem.isPresent()) {
            HttpErrors.error(
                    ctx.response(),
                    400,
                    "invalid_field",
                    problem.get().message(),
                    problem.get().field());
            return;
        }
        String actor = Caller.of(ctx).username();
        List<Tuple> updates = bands.stream()
                .map(b -> Tuple.of(b.name(), b.minSeverity(), b.slaHours(), actor))
                .toList();
        pool.withTransaction(conn -> conn.preparedQuery(SAVE_BAND)
                        .executeBatch(updates)
                        .compose(v -> conn.query(BANDS).execute())
                        .compose(saved -> {
                            JsonObject answer = toJson(saved);
                            return conn.preparedQuery(RECORD_CHANGE)
                                    .execute(Tuple.of(actor, answer.encode()))
                                    .map(answer);
                        }))
                .onSuccess(answer -> HttpErrors.json(ctx.response(), 200, answer))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(RowSet<Row> rows) {
        JsonObject bands = new JsonObject();
        for (Row row : rows) {
            bands.put(
                    row.getString("band"),
                    new JsonObject()
                            .put("min_severity", row.getDouble("min_severity"))
                            .put("sla_hours", row.getDouble("sla_hours"))
                            .put("updated_by", row.getString("updated_by"))
                            .put(
                                    "updated_at",
                                    row.getOffsetDateTime("updated_at")
                                            .toInstant()
                                            .toString()));
        }
        return bands;
    }
}
