package pe.centinela.scoring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.kafka.TopicFollower;
import pe.centinela.adapters.kafka.TopicRecords;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.features.KeyActivity;
import pe.centinela.core.validation.RequiredFields;

/**
 * Feeds {@link KeyActivity} from the topics: every transaction of the canonical topic written in the last
 * {@link #SPAN} and every analyst decision on the labels topic, whichever partitions this instance scores, so the fraud
 * record of merchants, beneficiaries and devices does not depend on which instance scores a transaction.
 */
final class KeyActivityFeed {

    /** The longest fraud-share window, the label delay before it, and a day for transactions written late. */
    static final Duration SPAN = Duration.ofDays(31).plus(FeaturePipeline.DEFAULT_LABEL_DELAY);

    /**
     * How long the broker may hold the transactions' fetch to gather more: the fraud record counts a transaction in
     * windows that end one label delay (three days) before now, so it gains nothing from reading each one the moment it is
     * written, while a fetch per produce request of the decision API (about 260 a second at 1,000 decisions/s) cost
     * the broker and this instance more than the counting.
     */
    static final Duration GATHER = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(KeyActivityFeed.class);

    private final Vertx vertx;
    private final KeyActivity keyActivity;
    private final PipelineStats stats;
    private final TopicFollower labels;
    private final TopicFollower transactions;
    private final Clock clock;

    KeyActivityFeed(Vertx vertx, PlatformConfig config, KeyActivity keyActivity, PipelineStats stats, Clock clock) {
        this.vertx = vertx;
        this.keyActivity = keyActivity;
        this.stats = stats;
        this.clock = clock;
        labels = new TopicFollower(vertx, config.kafka(), config.topics().labels(), "labels");
        transactions = new TopicFollower(vertx, config.kafka(), config.topics().transactions(), "key-activity", GATHER);
    }

    /** Starts following both topics; completes once both have caught up with what they held at the start. */
    Future<Void> start() {
        return Future.all(
                        labels.start(null, TopicFollower.each(this::label)),
                        transactions.start(clock.instant().minus(SPAN), this::transactions))
                .compose(v -> Future.all(labels.caughtUp(), transactions.caughtUp()))
                .mapEmpty();
    }

    Future<Void> close() {
        return Future.all(labels.close(), transactions.close()).mapEmpty();
    }

    /**
     * The records are read on a worker thread, and counted on the scoring's event loop, which alone touches
     * {@link KeyActivity}: reading them there was 8 % of that loop's work at 3,000 tx/s, and each transaction scored waited
     * behind it. A transaction the scoring consumer will dead-letter is not counted; nothing else is done with it
     * here.
     */
    private Future<Void> transactions(List<KafkaConsumerRecord<String, byte[]>> records) {
        return vertx.executeBlocking(() -> usable(records), false).map(read -> {
            read.forEach(keyActivity::transaction);
            return null;
        });
    }

    private static List<Transaction> usable(List<KafkaConsumerRecord<String, byte[]>> records) {
        List<Transaction> usable = new ArrayList<>(records.size());
        for (KafkaConsumerRecord<String, byte[]> record : records) {
            TopicRecords.Read<Transaction> read = TopicRecords.read(record, Transaction.class, RequiredFields::missing);
            if (read.usable()) {
                usable.add(read.value());
            }
        }
        return usable;
    }

    /**
     * An unusable label is skipped and counted, not dead-lettered: every scoring instance reads the whole topic at each
     * start, so it would be dead-lettered again and again.
     */
    private void label(KafkaConsumerRecord<String, byte[]> record) {
        TopicRecords.Read<Label> read = TopicRecords.read(record, Label.class, RequiredFields::missing);
        if (!read.usable()) {
            LOG.warn("skipping an unusable label at {}: {}", TopicRecords.location(record), read.problems());
            stats.skipped(record.topic(), read.problems().get(0).code());
            return;
        }
        keyActivity.label(read.value());
        stats.labelApplied();
    }
}
