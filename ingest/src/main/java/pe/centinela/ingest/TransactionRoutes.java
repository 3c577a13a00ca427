package pe.centinela.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.json.Json;
import pe.centinela.core.quality.Intake;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;

/**
 * The REST source: {@code POST /api/transactions} takes one transaction or a JSON array of them, and
 * {@code GET /api/data-quality} reports what the checks decided. Every record, accepted or not, ends in Kafka.
 */
public final class TransactionRoutes implements ApiRoutes {

    public static final String SOURCE_KIND = "rest";

    private final Clock clock;
    private final PipelineStats stats;
    private IngestSink sink;
    private Intake intake;
    private int maxBatch;
    private io.vertx.sqlclient.Pool pool;

    public TransactionRoutes(Clock clock, PipelineStats stats) {
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public void mount(ApiOperations operations, Context context) {
        sink = new IngestSink(context.vertx(), context.config(), "ingest-rest", stats);
        intake = IntakeFactory.create(context.config().ingest(), clock);
        maxBatch = context.config().ingest().maxBatch();
        pool = context.pool();
        operations.handleUnvalidatedBody("ingestTransactions", this::receive).handle("dataQuality", this::report);
    }

    @Override
    public Future<Void> close() {
        return sink == null ? Future.succeededFuture() : sink.close();
    }

    private void receive(RoutingContext ctx) {
        String user = ctx.user() == null ? "anonymous" : ctx.user().principal().getString("username");
        SourceMetadata source = new SourceMetadata(
                "rest:" + user, SOURCE_KIND, null, clock.instant(), SourceMetadata.CURRENT_SCHEMA_VERSION);
        String body = ctx.body().asString();
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(body == null ? "" : body);
        } catch (IOException e) {
            parsed = null;
        }
        if (parsed != null && parsed.isArray() && parsed.size() > maxBatch) {
            HttpErrors.error(
                    ctx.response(),
                    413,
                    "batch_too_large",
                    "a batch may hold at most " + maxBatch + " transactions but has " + parsed.size(),
                    null);
            return;
        }
        boolean batch = parsed != null && parsed.isArray();
        List<IngestSink.Item> items = new ArrayList<>();
        if (batch) {
            for (int i = 0; i < parsed.size(); i++) {
                JsonNode element = parsed.get(i);
                String raw = element.toString();
                items.add(new IngestSink.Item(
                        intake.fromNode(element, List.of(), raw, source, "item " + i), raw, "item " + i));
            }
        } else {
            String raw = body == null ? "" : body;
            items.add(new IngestSink.Item(
                    intake.fromJson(raw.getBytes(StandardCharsets.UTF_8), raw, source, "body"), raw, "body"));
        }
        sink.publish(intake, source, items)
                .onSuccess(published -> answer(ctx, batch, published.decisions()))
                .onFailure(ctx::fail);
    }

    private static void answer(RoutingContext ctx, boolean batch, List<Intake.Decision> decisions) {
        if (!batch) {
            Intake.Decision only = decisions.get(0);
            if (only.accepted()) {
                HttpErrors.json(ctx.response(), 202, result(0, only));
            } else {
                JsonObject error = new JsonObject()
                        .put("code", "invalid_transaction")
                        .put("message", "the transaction was rejected and kept in the dead-letter topic")
                        .put("errors", errors(only.deadLetter()));
                HttpErrors.json(ctx.response(), 400, new JsonObject().put("error", error));
            }
            return;
        }
        JsonArray results = new JsonArray();
        int accepted = 0;
        for (int i = 0; i < decisions.size(); i++) {
            results.add(result(i, decisions.get(i)));
            accepted += decisions.get(i).accepted() ? 1 : 0;
        }
        HttpErrors.json(
                ctx.response(),
                202,
                new JsonObject()
                        .put("accepted", accepted)
                        .put("rejected", decisions.size() - accepted)
                        .put("results", results));
    }

    private static JsonObject result(int index, Intake.Decision decision) {
        JsonObject result = new JsonObject().put("index", index);
        if (decision.accepted()) {
            return result.put("status", "accepted")
                    .put("transaction_id", decision.transaction().transactionId())
                    .put("quality_flags", new JsonArray(decision.transaction().qualityFlags()));
        }
        return result.put("status", "rejected").put("errors", errors(decision.deadLetter()));
    }

    private static JsonArray errors(DeadLetter letter) {
        JsonArray errors = new JsonArray();
        for (Violation v : letter.reasons()) {
            errors.add(new JsonObject()
                    .put("field", v.field())
                    .put("code", v.code())
                    .put("message", v.message()));
        }
        return errors;
    }

    private void report(RoutingContext ctx) {
        int hours = QueryParams.integer(ctx, "hours", 24);
        pool.preparedQuery(QualityReportQuery.SQL)
                .execute(Tuple.of(hours))
                .onSuccess(rows -> {
                    List<Row> all = new ArrayList<>();
                    rows.forEach(all::add);
                    HttpErrors.json(ctx.response(), 200, QualityReportQuery.toJson(all));
                })
                .onFailure(ctx::fail);
    }
}
