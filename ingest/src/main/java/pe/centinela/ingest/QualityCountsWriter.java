package pe.centinela.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pe.centinela.core.quality.Intake;
import pe.centinela.core.quality.QualityReport;
import pe.centinela.core.validation.Violation;

/** Adds up data-quality outcomes in memory and folds them into {@code dq_counts} every few seconds. */
final class QualityCountsWriter {

    private static final String UPSERT = """
            INSERT INTO dq_counts (hour, source, outcome, count)
            SELECT h, s, o, c FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::bigint[]) AS u(h, s, o, c)
            ON CONFLICT (hour, source, outcome) DO UPDATE SET count = dq_counts.count + EXCLUDED.count""";
    private static final long FLUSH_EVERY_MS = 5_000;

    private record Key(Instant hour, String source, String outcome) {}

    private final Pool pool;
    private Map<Key, Long> pending = new HashMap<>();
    private final long timer;
    private final Vertx vertx;

    QualityCountsWriter(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
        this.timer = vertx.setPeriodic(FLUSH_EVERY_MS, id -> flush());
    }

    void record(Intake.Decision decision, String source, Instant receivedAt) {
        Instant hour = receivedAt.truncatedTo(ChronoUnit.HOURS);
        if (decision.accepted()) {
            add(new Key(hour, source, "accepted"));
            decision.transaction().qualityFlags().forEach(flag -> add(new Key(hour, source, "flag:" + flag)));
        } else {
            add(new Key(hour, source, "rejected"));
            for (Violation v : decision.deadLetter().reasons()) {
                add(new Key(hour, source, "rejected:" + QualityReport.reasonKey(v)));
            }
        }
    }

    private void add(Key key) {
        pending.merge(key, 1L, Long::sum);
    }

    Future<Void> flush() {
        if (pending.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<Key, Long> batch = pending;
        pending = new HashMap<>();
        List<OffsetDateTime> hours = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        batch.forEach((k, n) -> {
            hours.add(OffsetDateTime.ofInstant(k.hour(), ZoneOffset.UTC));
            sources.add(k.source());
            outcomes.add(k.outcome());
            counts.add(n);
        });
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.of(
                        hours.toArray(OffsetDateTime[]::new),
                        sources.toArray(String[]::new),
                        outcomes.toArray(String[]::new),
                        counts.toArray(Long[]::new)))
                .onFailure(e -> batch.forEach((k, n) -> pending.merge(k, n, Long::sum)))
                .mapEmpty();
    }

    Future<Void> close() {
        vertx.cancelTimer(timer);
        return flush();
    }
}
