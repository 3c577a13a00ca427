package pe.centinela.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.kafka.Producers;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.DecisionRecord;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.json.Json;
import pe.centinela.core.quality.Intake;

/**
 * Where every service source sends its checked records: rejects ids already received (in PostgreSQL, so across
 * restarts and replicas), counts data quality, and publishes each record as a canonical transaction keyed by
 * account or as a dead letter, and counts them in {@link PipelineStats}. The returned future completes once the broker
 * acknowledged all of them.
 */
public final class IngestSink {

    /** A decided record with what is needed to dead-letter it later. */
    public record Item(Intake.Decision decision, String raw, String location) {}

    /** What was published, in the order of the items. */
    public record Published(List<Intake.Decision> decisions) {
        public int accepted() {
            return (int) decisions.stream().filter(Intake.Decision::accepted).count();
        }

        public int rejected() {
            return decisions.size() - accepted();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(IngestSink.class);

    private final PlatformConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final Pool pool;
    private final PgDuplicateStore duplicates;
    private final QualityCountsWriter counts;
    private final PipelineStats stats;
    private final Set<String> publishedByFailedAttempt = new HashSet<>();

    public IngestSink(Vertx vertx, PlatformConfig config, String clientId, PipelineStats stats) {
        this.config = config;
        this.stats = stats;
        this.producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), clientId));
        this.pool = Database.pool(vertx, config.postgres());
        this.duplicates = new PgDuplicateStore(vertx, pool, config.ingest().duplicateHorizon());
        this.counts = new QualityCountsWriter(vertx, pool);
    }

    public Future<Published> publish(Intake intake, SourceMetadata source, List<Item> items) {
        return publish(intake, source, items, null);
    }

    /**
     * As {@link #publish(Intake, SourceMetadata, List)}, and each accepted transaction asks scoring to send its
     * decision to {@code replyTo} (a header on its record; null for none).
     */
    public Future<Published> publish(Intake intake, SourceMetadata source, List<Item> items, String replyTo) {
        List<String> ids = new ArrayList<>();
        for (Item item : items) {
            if (item.decision().accepted()) {
                ids.add(item.decision().transaction().transactionId());
            }
        }
        long started = System.nanoTime();
        return duplicates
                .firstSeen(ids)
                .compose(fresh -> publishFresh(intake, source, items, fresh, replyTo))
                .onSuccess(published -> stats.ingestBatchPublished(Duration.ofNanos(System.nanoTime() - started)));
    }

    /**
     * If the broker does not take the whole batch (an outage longer than the producer's delivery timeout), the ids it
     * did not take are taken back before the batch fails, so that its retry publishes them instead of rejecting them as
     * duplicates of themselves; those it took are remembered, so that the retry neither publishes them again nor
     * rejects them.
     */
    private Future<Published> publishFresh(
            Intake intake, SourceMetadata source, List<Item> items, Set<String> fresh, String replyTo) {
        List<Intake.Decision> decisions = new ArrayList<>(items.size());
        List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(items.size());
        List<String> recordIds = new ArrayList<>(items.size());
        Set<String> unsent = new HashSet<>(fresh);
        for (Item item : items) {
            Intake.Decision decision = item.decision();
            String id = decision.accepted() ? decision.transaction().transactionId() : null;
            if (id != null && !unsent.remove(id)) {
                if (publishedByFailedAttempt.contains(id)) {
                    decisions.add(decision);
                    continue;
                }
                decision = intake.duplicate(decision, item.raw(), item.location());
                id = null;
            }
            decisions.add(decision);
            intake.count(decision, source);
            counts.record(decision, source.name(), source.receivedAt());
            recordIds.add(id);
            KafkaProducerRecord<String, byte[]> record = decision.accepted()
                    ? KafkaProducerRecord.create(
                            config.topics().transactions(),
                            decision.transaction().accountId(),
                            Json.toBytes(decision.transaction()))
                    : KafkaProducerRecord.create(
                            config.topics().deadLetters(), source.name(), Json.toBytes(decision.deadLetter()));
            if (replyTo != null && decision.accepted()) {
                record.addHeader(DecisionRecord.REPLY_TO_HEADER, replyTo);
            }
            records.add(record);
        }
        return Producers.sendEach(producer, records).compose(sent -> {
            if (sent.failure() == null) {
                decisions.forEach(d -> {
                    if (d.accepted()) {
                        publishedByFailedAttempt.remove(d.transaction().transactionId());
                    }
                });
                return Future.succeededFuture(counted(source, decisions));
            }
            Set<String> notTaken = new HashSet<>();
            for (int i = 0; i < recordIds.size(); i++) {
                String id = recordIds.get(i);
                if (id != null) {
                    (sent.acknowledged()[i] ? publishedByFailedAttempt : notTaken).add(id);
                }
            }
            return duplicates.forget(notTaken).transform(forgotten -> {
                if (forgotten.failed()) {
                    LOG.error(
                            "{} transaction ids recorded as received but not published, and not taken back: {}",
                            notTaken.size(),
                            forgotten.cause().getMessage());
                }
                return Future.failedFuture(sent.failure());
            });
        });
    }

    private Published counted(SourceMetadata source, List<Intake.Decision> decisions) {
        Published published = new Published(decisions);
        stats.ingested(source.name(), published.accepted());
        decisions.stream().filter(d -> !d.accepted()).forEach(d -> stats.rejected(d.deadLetter()));
        return published;
    }

    public Future<Void> close() {
        return counts.close().eventually(() -> producer.close()).eventually(() -> pool.close());
    }
}
