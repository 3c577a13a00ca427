package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import pe.centinela.adapters.kafka.BatchConsumer;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.kafka.Producers;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.adapters.postgres.DatabaseBatches;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.validation.RequiredFields;

/**
 * Keeps the scores topic in PostgreSQL as each account's history, so an alert can be read against what the account
 * normally does: one {@code COPY} per batch ({@link HistoryCopy}, on a worker thread), or the idempotent insert when
 * the batch repeats a row already stored; offsets committed after it ({@link RetentionVerticle} deletes what is older
 * than the retention). A score that cannot be read or lacks a field the history needs goes to the dead-letter topic
 * instead.
 */
public final class TransactionHistoryVerticle extends VerticleBase {

    private final PlatformConfig config;
    private final PipelineStats stats;
    private Pool pool;
    private HistoryCopy copy;
    private KafkaProducer<String, byte[]> deadLetters;
    private BatchConsumer<byte[]> consumer;

    public TransactionHistoryVerticle(PlatformConfig config, PipelineStats stats) {
        this.config = config;
        this.stats = stats;
    }

    @Override
    public Future<?> start() {
        pool = Database.pool(vertx, config.postgres());
        copy = new HistoryCopy(config.postgres());
        deadLetters = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "history-dead-letters"));
        KafkaConsumer<String, byte[]> kafkaConsumer = KafkaConsumer.create(
                vertx,
                KafkaClients.microBatchConsumer(
                        config.kafka(), "history", 2_000, config.alerts().historyBatchWait()));
        consumer = new BatchConsumer<>(vertx, kafkaConsumer, config.topics().scores(), this::store);
        return consumer.start();
    }

    @Override
    public Future<?> stop() {
        Future<Void> stopped = consumer == null ? Future.succeededFuture() : consumer.stop();
        return stopped.eventually(() -> deadLetters == null ? Future.succeededFuture() : deadLetters.close())
                .eventually(() -> pool == null ? Future.succeededFuture() : pool.close())
                .eventually(() -> copy == null
                        ? Future.succeededFuture()
                        : vertx.executeBlocking(
                                () -> {
                                    copy.close();
                                    return null;
                                },
                                true));
    }

    private Future<Void> store(List<KafkaConsumerRecord<String, byte[]>> batch) {
        return new DatabaseBatches<>(
                        ScoreRecord.class,
                        RequiredFields::missing,
                        this::insert,
                        rejected -> Producers.deadLetters(
                                deadLetters, config.topics().deadLetters(), rejected, stats))
                .decodedOnWorker(vertx)
                .store(batch);
    }

    private Future<Void> insert(List<ScoreRecord> scores) {
        if (scores.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> copy.copy(scores), true)
                .compose(copied -> copied
                        ? Future.succeededFuture()
                        : pool.preparedQuery(HistoryQueries.INSERT)
                                .execute(parameters(scores))
                                .mapEmpty());
    }

    static Tuple parameters(List<ScoreRecord> scores) {
        int n = scores.size();
        String[] ids = new String[n];
        String[] accounts = new String[n];
        String[] times = new String[n];
        String[] amounts = new String[n];
        String[] currencies = new String[n];
        String[] pen = new String[n];
        String[] merchants = new String[n];
        String[] mccs = new String[n];
        String[] channels = new String[n];
        Double[] values = new Double[n];
        String[] versions = new String[n];
        Boolean[] alerts = new Boolean[n];
        String[] scoredAt = new String[n];
        String[] shadowVersions = new String[n];
        Double[] shadowScores = new Double[n];
        Boolean[] shadowAlerts = new Boolean[n];
        Boolean[] reviews = new Boolean[n];
        String[] decisions = new String[n];
        String[] ruleHits = new String[n];
        String[] devices = new String[n];
        String[] ips = new String[n];
        String[] counterparties = new String[n];
        for (int i = 0; i < n; i++) {
            ScoreRecord s = scores.get(i);
            ids[i] = s.transactionId();
            accounts[i] = s.accountId();
            times[i] = s.timestamp().toString();
            amounts[i] = s.originalAmount() == null ? null : s.originalAmount().toPlainString();
            currencies[i] = s.originalCurrency();
            pen[i] = s.amountPen() == null ? null : s.amountPen().toPlainString();
            merchants[i] = s.merchantId();
            mccs[i] = s.merchantCategoryCode();
            channels[i] = s.channel() == null ? null : s.channel().code();
            values[i] = s.score();
            versions[i] = s.modelVersion();
            alerts[i] = s.alert();
            scoredAt[i] = s.scoredAt().toString();
            shadowVersions[i] = s.shadowVersion();
            shadowScores[i] = s.shadowScore();
            shadowAlerts[i] = s.shadowAlert();
            reviews[i] = s.review();
            decisions[i] = s.decision().code();
            ruleHits[i] = s.rules().isEmpty() ? null : pe.centinela.core.json.Json.toString(s.rules());
            devices[i] = s.deviceId();
            ips[i] = s.ip();
            counterparties[i] = s.counterpartyAccount();
        }
        return Tuple.of(ids, accounts, times, amounts, currencies, pen, merchants, mccs, channels, values)
                .addValue(versions)
                .addValue(alerts)
                .addValue(scoredAt)
                .addValue(shadowVersions)
                .addValue(shadowScores)
                .addValue(shadowAlerts)
                .addValue(reviews)
                .addValue(decisions)
                .addValue(ruleHits)
                .addValue(devices)
                .addValue(ips)
                .addValue(counterparties);
    }
}
