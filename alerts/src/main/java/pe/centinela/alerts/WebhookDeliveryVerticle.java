package pe.centinela.alerts;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.webhook.Backoff;
import pe.centinela.core.webhook.WebhookSignature;

/**
 * Sends the webhook outbox: takes due deliveries from PostgreSQL ({@code FOR UPDATE SKIP LOCKED}, so replicas share
 * the work), posts each signed to {@code webhooks.url}, marks it delivered on a 2xx answer and otherwise schedules the
 * next attempt by {@link Backoff}, until {@code webhooks.max-attempts}. Polls every second and wakes at once when
 * alerts are stored or a decision or retry is enqueued.
 */
public final class WebhookDeliveryVerticle extends VerticleBase {

    public static final String EVENT_HEADER = "X-Centinela-Event";
    public static final String DELIVERY_HEADER = "X-Centinela-Delivery";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryVerticle.class);
    private static final int BATCH = 16;
    private static final long POLL_MS = 1_000;
    private static final int MAX_ERROR_TEXT = 300;

    private final PlatformConfig.Webhooks webhooks;
    private final PlatformConfig.Postgres postgres;
    private final PipelineStats stats;
    private final Backoff backoff;
    private Pool pool;
    private HttpClientAgent client;
    private long timer = -1;
    private boolean sending;
    private boolean wokenWhileSending;

    public WebhookDeliveryVerticle(PlatformConfig config, PipelineStats stats) {
        this.webhooks = config.webhooks();
        this.postgres = config.postgres();
        this.stats = stats;
        this.backoff = new Backoff(webhooks.initialBackoff(), PlatformConfig.Webhooks.MAX_BACKOFF);
    }

    @Override
    public Future<?> start() {
        pool = Database.pool(vertx, postgres);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, webhooks.timeout().toMillis());
        client = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout(timeoutMs), new PoolOptions().setHttp1MaxSize(BATCH));
        vertx.eventBus().consumer(AlertStoreVerticle.STORED_ADDRESS, message -> wake());
        vertx.eventBus().consumer(WebhookOutbox.DUE_ADDRESS, message -> wake());
        timer = vertx.setPeriodic(POLL_MS, id -> wake());
        wake();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        Future<Void> closed = client == null ? Future.succeededFuture() : client.close();
        return closed.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
    }

    private void wake() {
        if (sending) {
            wokenWhileSending = true;
            return;
        }
        sending = true;
        wokenWhileSending = false;
        sendDue().onComplete(result -> {
            sending = false;
            if (result.failed()) {
                LOG.warn(
                        "webhook deliveries could not be taken: {}",
                        result.cause().getMessage());
            }
            if (wokenWhileSending || (result.succeeded() && result.result())) {
                wake();
            }
        });
    }

    /** Sends one batch of due deliveries; true when the batch was full, so more may be due. */
    private Future<Boolean> sendDue() {
        long leaseMs = Math.max(60_000, 3 * webhooks.timeout().toMillis());
        return pool.preparedQuery(WebhookQueries.CLAIM_DUE)
                .execute(Tuple.of(BATCH, (double) leaseMs))
                .compose(this::sendAll);
    }

    private Future<Boolean> sendAll(RowSet<Row> claimed) {
        List<Future<Void>> sent = new ArrayList<>(claimed.size());
        claimed.forEach(row -> sent.add(send(row)));
        return Future.join(sent).transform(done -> Future.succeededFuture(claimed.size() == BATCH));
    }

    private Future<Void> send(Row delivery) {
        long id = delivery.getLong("id");
        int attempt = delivery.getInteger("attempts");
        String body = delivery.getString("payload");
        long timeoutMs = webhooks.timeout().toMillis();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(webhooks.url())
                .setIdleTimeout(timeoutMs)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Centinela-Webhooks/1")
                .putHeader(EVENT_HEADER, delivery.getString("event_type"))
                .putHeader(DELIVERY_HEADER, Long.toString(id))
                .putHeader(
                        WebhookSignature.HEADER,
                        WebhookSignature.header(webhooks.secret().value(), Instant.now(), body));
        return client.request(request)
                .compose(req -> req.send(body))
                .compose(
                        response -> response.body().map(answer -> new Answer(response.statusCode(), answer.toString())))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .transform(answer -> record(id, attempt, answer));
    }

    private record Answer(int status, String body) {
        boolean success() {
            return status >= 200 && status < 300;
        }
    }

    private Future<Void> record(long id, int attempt, AsyncResult<Answer> answer) {
        if (answer.succeeded() && answer.result().success()) {
            stats.webhookAttempt("delivered");
            return pool.preparedQuery(WebhookQueries.DELIVERED)
                    .execute(Tuple.of(id, answer.result().status()))
                    .mapEmpty();
        }
        Integer status = answer.succeeded() ? answer.result().status() : null;
        String error = answer.succeeded()
                ? "HTTP " + status + answerText(answer.result().body())
                : failureText(answer.cause());
        boolean last = attempt >= webhooks.maxAttempts();
        long delayMs = last ? 0 : backoff.delay(attempt).toMillis();
        stats.webhookAttempt(last ? "failed" : "retry");
        if (last) {
            LOG.warn("webhook delivery {} failed after {} attempts: {}", id, attempt, error);
        } else if (delayMs < POLL_MS) {
            vertx.setTimer(Math.max(1, delayMs), t -> wake());
        }
        return pool.preparedQuery(WebhookQueries.ATTEMPT_FAILED)
                .execute(Tuple.of(id, last ? "failed" : "pending", status, error, (double) delayMs))
                .mapEmpty();
    }

    private static String answerText(String body) {
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "" : ": " + truncate(text);
    }

    private static String failureText(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return truncate(message);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "…";
    }
}
