package pe.centinela.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.domain.Decision;
import pe.centinela.core.domain.DecisionRecord;
import pe.centinela.core.domain.RuleHit;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.json.Json;
import pe.centinela.core.quality.Intake;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;

/**
 * {@code POST /api/decisions}: a payment asks "approve, review or decline?" and waits for the answer. The transaction
 * takes the same checks as {@code POST /api/transactions} and is published to the canonical topic, keyed by account,
 * asking scoring for a reply: the scoring instance that owns the account's partition scores it in its next
 * micro-batch with the account's own state, exactly as the streaming path does (it <em>is</em> the streaming path),
 * and sends its decision to the decisions topic, where this instance picks it up. A retried call with the same
 * transaction id is refused as a duplicate by ingest, so it is never scored twice, and is answered with the decision
 * the first call got. An answer that does not come within the caller's timeout ({@code decisions.timeout}, or the
 * {@code timeout_ms} parameter) is {@code review} with {@code timed_out: true}: the payment does not wait, and the
 * transaction is still scored and alerted on.
 */
public final class DecisionRoutes implements ApiRoutes {

    public static final String SOURCE_KIND = "decision";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DecisionRoutes.class);

    private static final String STORED = """
            SELECT s.decision, s.score, s.model_version, s.rule_hits::text AS rule_hits, s.scored_at,
                   a.reasons::text AS reasons
            FROM scored_transactions s LEFT JOIN alerts a ON a.transaction_id = s.transaction_id
            WHERE s.transaction_id = $1 AND s.decision IS NOT NULL""";

    private final Clock clock;
    private final PipelineStats stats;
    private IngestSink sink;
    private Intake intake;
    private DecisionReplies replies;
    private Pool pool;
    private DecisionPublisher publisher;
    private Duration defaultTimeout;

    public DecisionRoutes(Clock clock, PipelineStats stats) {
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public void mount(ApiOperations operations, Context context) {
        sink = new IngestSink(context.vertx(), context.config(), "ingest-decisions", stats);
        intake = IntakeFactory.create(context.config().ingest(), clock);
        replies = new DecisionReplies(context.vertx(), context.config());
        pool = context.pool();
        publisher =
                new DecisionPublisher(sink, intake, context.config().topics().decisions());
        defaultTimeout = context.config().ingest().decisionTimeout();
        operations.handleUnvalidatedBody("decide", this::decide);
        // answers are read from the first written after this moment, so none is missed while the follower connects
        replies.start().onFailure(e -> LOG.error("the decisions topic cannot be followed; decisions will time out", e));
    }

    @Override
    public Future<Void> close() {
        return (replies == null ? Future.<Void>succeededFuture() : replies.close())
                .eventually(() -> sink == null ? Future.succeededFuture() : sink.close());
    }

    private void decide(RoutingContext ctx) {
        long started = System.nanoTime();
        Duration timeout = Duration.ofMillis(QueryParams.integer(ctx, "timeout_ms", (int) defaultTimeout.toMillis()));
        String user = ctx.user() == null ? "anonymous" : ctx.user().principal().getString("username");
        SourceMetadata source = new SourceMetadata(
                "decision:" + user, SOURCE_KIND, null, clock.instant(), SourceMetadata.CURRENT_SCHEMA_VERSION);
        String raw = ctx.body().asString() == null ? "" : ctx.body().asString();
        if (raw.stripLeading().startsWith("[")) {
            HttpErrors.error(
                    ctx.response(),
                    400,
                    "one_transaction",
                    "a decision is for one transaction: send one JSON object, not an array",
                    null);
            return;
        }
        Intake.Decision checked = intake.fromJson(raw.getBytes(StandardCharsets.UTF_8), raw, source, "body");
        IngestSink.Item item = new IngestSink.Item(checked, raw, "body");
        if (!checked.accepted()) {
            sink.publish(intake, source, List.of(item))
                    .onSuccess(published ->
                            invalid(ctx, published.decisions().get(0).deadLetter()))
                    .onFailure(ctx::fail);
            return;
        }
        String transactionId = checked.transaction().transactionId();
        Future<Optional<DecisionRecord>> reply = replies.await(transactionId, timeout);
        long[] publishedAt = {Long.MIN_VALUE}; // nanoTime has no fixed origin: any value, negative ones too
        publisher
                .publish(source, item)
                .onSuccess(published -> publishedAt[0] = System.nanoTime())
                .compose(published -> published.accepted()
                        ? reply
                        : stored(transactionId)
                                .compose(found -> found.isPresent() ? Future.succeededFuture(found) : reply))
                .onSuccess(answer -> answer(ctx, transactionId, answer, started, publishedAt[0]))
                .onFailure(ctx::fail);
    }

    /** The decision the history holds for a transaction decided before (a retry of a call answered long ago). */
    private Future<Optional<DecisionRecord>> stored(String transactionId) {
        return pool.preparedQuery(STORED).execute(Tuple.of(transactionId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            var row = rows.iterator().next();
            String hits = row.getString("rule_hits");
            String reasons = row.getString("reasons");
            return Optional.of(new DecisionRecord(
                    transactionId,
                    null,
                    Decision.fromCode(row.getString("decision")),
                    row.getDouble("score"),
                    row.getString("model_version"),
                    hits == null
                            ? List.of()
                            : List.of(Json.fromBytes(hits.getBytes(StandardCharsets.UTF_8), RuleHit[].class)),
                    reasons == null
                            ? List.of()
                            : List.of(Json.fromBytes(
                                    reasons.getBytes(StandardCharsets.UTF_8), pe.centinela.core.domain.Reason[].class)),
                    row.getOffsetDateTime("scored_at").toInstant()));
        });
    }

    private void answer(
            RoutingContext ctx, String transactionId, Optional<DecisionRecord> reply, long started, long publishedAt) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        JsonObject body = new JsonObject().put("transaction_id", transactionId);
        if (reply.isEmpty()) {
            body.put("decision", Decision.REVIEW.code())
                    .put("timed_out", true)
                    .put("score", null)
                    .put("model_version", null)
                    .put("rules", new JsonArray())
                    .put("reasons", new JsonArray());
            stats.inlineDecision(Decision.REVIEW, true, took);
        } else {
            DecisionRecord decided = reply.get();
            JsonArray rules = new JsonArray();
            decided.rules().stream()
                    .filter(RuleHit::acts)
                    .forEach(hit -> rules.add(new JsonObject()
                            .put("id", hit.ruleId())
                            .put("version", hit.version())
                            .put("outcome", hit.outcome().code())
                            .put("reason", hit.descriptionEs())
                            .put("reason_en", hit.descriptionEn())));
            body.put("decision", decided.decision().code())
                    .put("timed_out", false)
                    .put("score", decided.score())
                    .put("model_version", decided.modelVersion())
                    .put("rules", rules)
                    .put("reasons", new JsonArray(Json.toString(decided.reasons())));
            stats.inlineDecision(decided.decision(), false, took);
        }
        body.put("decided_in_ms", took.toNanos() / 1_000_000.0);
        if (publishedAt != Long.MIN_VALUE) {
            // where the time went: checks, the duplicate check and the broker's acknowledgement, then scoring's answer
            body.put("published_in_ms", (publishedAt - started) / 1_000_000.0);
        }
        HttpErrors.json(ctx.response(), 200, body);
    }

    private static void invalid(RoutingContext ctx, DeadLetter letter) {
        JsonArray errors = new JsonArray();
        for (Violation v : letter.reasons()) {
            errors.add(new JsonObject()
                    .put("field", v.field())
                    .put("code", v.code())
                    .put("message", v.message()));
        }
        HttpErrors.json(
                ctx.response(),
                400,
                new JsonObject()
                        .put(
                                "error",
                                new JsonObject()
                                        .put("code", "invalid_transaction")
                                        .put(
                                                "message",
                                                "the transaction was rejected and kept in the dead-letter topic")
                                        .put(
                                                "field",
                                                letter.reasons().isEmpty()
                                                        ? null
                                                        : letter.reasons()
                                                                .get(0)
                                                                .field())
                                        .put("errors", errors)));
    }
}
