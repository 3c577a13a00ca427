package pe.centinela.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;
import pe.centinela.core.domain.Role;

/** The analysts' alert list, filtered, sorted and paged, and the live stream of newly stored alerts. */
public final class AlertRoutes implements ApiRoutes {

    private final Map<String, Integer> openStreams = new ConcurrentHashMap<>();
    private Pool pool;
    private Vertx vertx;
    private int maxStreamsPerUser;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        this.vertx = context.vertx();
        this.maxStreamsPerUser = context.config().alerts().maxStreamsPerUser();
        operations.handle("listAlerts", this::listAlerts).handle("streamAlerts", this::streamAlerts);
    }

    private void listAlerts(RoutingContext ctx) {
        AlertListQuery.Filters filters;
        AlertListQuery query;
        try {
            filters = filters(ctx);
            query = AlertListQuery.of(filters);
        } catch (AlertListQuery.InvalidCursor e) {
            HttpErrors.error(ctx.response(), 400, "invalid_request", e.getMessage(), "cursor");
            return;
        } catch (DateTimeParseException e) {
            HttpErrors.error(
                    ctx.response(),
                    400,
                    "invalid_request",
                    "from and to are ISO-8601 instants such as 2026-07-28T05:00:00Z",
                    ctx.queryParams().contains("from") ? "from" : "to");
            return;
        }
        Role role = Caller.of(ctx).role();
        pool.preparedQuery(query.sql())
                .execute(query.parameters())
                .onSuccess(rows -> {
                    JsonArray alerts = new JsonArray();
                    String nextCursor = null;
                    int seen = 0;
                    for (Row row : rows) {
                        if (++seen > filters.limit()) {
                            break;
                        }
                        alerts.add(AlertRows.forRole(AlertRows.toJson(row), role));
                        if (seen == filters.limit()) {
                            nextCursor = AlertListQuery.cursorAfter(
                                    filters.sort(), sortValue(row, filters.sort()), row.getString("alert_id"));
                        }
                    }
                    if (seen <= filters.limit()) {
                        nextCursor = null;
                    }
                    HttpErrors.json(
                            ctx.response(),
                            200,
                            new JsonObject()
                                    .put("alerts", alerts)
                                    .put("count", alerts.size())
                                    .put("next_cursor", nextCursor));
                })
                .onFailure(ctx::fail);
    }

    private static AlertListQuery.Filters filters(RoutingContext ctx) {
        var q = ctx.queryParams();
        return new AlertListQuery.Filters(
                q.get("status"),
                number(q.get("min_score")),
                number(q.get("max_score")),
                time(q.get("from")),
                time(q.get("to")),
                q.get("account"),
                q.get("merchant"),
                q.get("mcc"),
                q.get("channel"),
                q.get("model_version"),
                q.get("assignee"),
                q.get("sort") == null ? "created_at" : q.get("sort"),
                "asc".equals(q.get("order")),
                QueryParams.integer(ctx, "limit", 50),
                q.get("cursor"));
    }

    private static String sortValue(Row row, String sort) {
        return switch (sort) {
            case "score" -> Double.toString(row.getDouble("score"));
            case "amount" -> row.getString("amount");
            case "tx_time" -> row.getOffsetDateTime("tx_time").toString();
            default -> row.getOffsetDateTime("created_at").toString();
        };
    }

    private static Double number(String text) {
        return text == null ? null : Double.valueOf(text);
    }

    private static OffsetDateTime time(String text) {
        return text == null ? null : OffsetDateTime.parse(text);
    }

    private void streamAlerts(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (!opened(caller.username())) {
            HttpErrors.error(
                    ctx.response(),
                    429,
                    "too_many_streams",
                    "you already have " + maxStreamsPerUser
                            + " live alert streams open here; close one (another tab or script) first",
                    null);
            return;
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-store");
        response.write(": connected\n\n");
        MessageConsumer<JsonObject> consumer = vertx.eventBus()
                .consumer(
                        AlertStoreVerticle.STORED_ADDRESS,
                        message -> response.write("event: alert\ndata: "
                                + AlertRows.forRole(message.body(), caller.role())
                                        .encode() + "\n\n"));
        ctx.request().connection().closeHandler(v -> {
            consumer.unregister();
            openStreams.computeIfPresent(caller.username(), (user, open) -> open > 1 ? open - 1 : null);
        });
    }

    /** Counts a new stream of the user's, unless they hold as many as allowed. */
    private boolean opened(String username) {
        boolean[] allowed = {false};
        openStreams.compute(username, (user, open) -> {
            int count = open == null ? 0 : open;
            allowed[0] = count < maxStreamsPerUser;
            return allowed[0] ? count + 1 : count;
        });
        return allowed[0];
    }
}
