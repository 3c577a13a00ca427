package pe.centinela.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.kafka.TopicFollower;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.DecisionRecord;
import pe.centinela.core.json.Json;

/**
 * The decisions scoring sends back, read from every partition of the decisions topic (outside any group: each
 * instance serving the decision API sees every answer and keeps those its callers wait for). Recent answers are kept,
 * a bounded number, so that a retried request is answered from memory; an answer may arrive before its request starts
 * waiting (a retry in flight elsewhere), and is then found there.
 */
final class DecisionReplies {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionReplies.class);
    private static final int RECENT = 100_000;

    private final Vertx vertx;
    private final TopicFollower follower;
    private final Map<String, List<Promise<Optional<DecisionRecord>>>> waiting = new ConcurrentHashMap<>();
    private final Map<String, DecisionRecord> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DecisionRecord> eldest) {
            return size() > RECENT;
        }
    };

    DecisionReplies(Vertx vertx, PlatformConfig config) {
        this.vertx = vertx;
        this.follower = new TopicFollower(vertx, config.kafka(), config.topics().decisions(), "decision-replies");
    }

    /** Follows the topic from now on. */
    Future<Void> start() {
        return follower.start(Instant.now(), TopicFollower.each(record -> {
            DecisionRecord reply;
            try {
                reply = Json.fromBytes(record.value(), DecisionRecord.class);
            } catch (RuntimeException e) {
                LOG.warn("a record on the decisions topic could not be read, skipped: {}", e.getMessage());
                return;
            }
            synchronized (recent) {
                recent.put(reply.transactionId(), reply);
            }
            List<Promise<Optional<DecisionRecord>>> promises = waiting.remove(reply.transactionId());
            if (promises != null) {
                promises.forEach(p -> p.tryComplete(Optional.of(reply)));
            }
        }));
    }

    /** The decision if it already arrived. */
    Optional<DecisionRecord> recent(String transactionId) {
        synchronized (recent) {
            return Optional.ofNullable(recent.get(transactionId));
        }
    }

    /**
     * Waits for a transaction's decision; completes empty when none arrived within {@code timeout}. Call it before the
     * transaction is published, so that its answer cannot slip by.
     */
    Future<Optional<DecisionRecord>> await(String transactionId, Duration timeout) {
        Promise<Optional<DecisionRecord>> promise = Promise.promise();
        waiting.computeIfAbsent(transactionId, id -> new ArrayList<>()).add(promise);
        Optional<DecisionRecord> already = recent(transactionId);
        if (already.isPresent()) {
            forget(transactionId, promise);
            promise.tryComplete(already);
            return promise.future();
        }
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            forget(transactionId, promise);
            promise.tryComplete(Optional.empty());
        });
        return promise.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    private void forget(String transactionId, Promise<Optional<DecisionRecord>> promise) {
        waiting.computeIfPresent(transactionId, (id, list) -> {
            list.remove(promise);
            return list.isEmpty() ? null : list;
        });
    }

    Future<Void> close() {
        return follower.close();
    }
}
