package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import pe.centinela.workbench.DemoModel;

/**
 * Offered load: generated transactions (their simulated clock starts two years back, so none is in the future),
 * produced to the raw topic at a fixed pace, as a bank's systems would; and the platform's consumer lag, read from
 * the broker.
 */
final class Load implements AutoCloseable {

    /** As many accounts as the benchmark's model was trained on, so the traffic looks like its training data. */
    static final int ACCOUNTS = 2_000;

    /**
     * How long the load generator sleeps between sends: what falls due meanwhile goes together, as from a bank's
     * systems. Each transaction's own send time is what latency is measured from. A tenth of this woke the generator
     * 10,000 times a second and cost a tenth of a core of the two it shares with what it measures.
     */
    private static final long PACE_TICK_NANOS = 1_000_000;

    private final PlatformConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final TransactionGenerator generator;
    private final Map<String, String> groupTopics;
    private long sequence;
    private long phaseStartedMillis;

    Load(PlatformConfig config) {
        this.config = config;
        this.producer = new KafkaProducer<>(
                KafkaClients.connection(
                        config.kafka(),
                        Map.of(
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.LINGER_MS_CONFIG,
                                "2",
                                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                                "lz4")),
                new StringSerializer(),
                new ByteArraySerializer());
        this.admin = Admin.create(KafkaClients.connection(config.kafka(), Map.of()));
        this.generator =
                new TransactionGenerator(GeneratorSettings.defaults(17, DemoModel.BENCH_DAY.minus(Duration.ofDays(730)))
                        .withAccounts(ACCOUNTS));
        String prefix = config.kafka().groupPrefix() + "-";
        this.groupTopics = Map.of(
                prefix + "ingest",
                config.topics().raw(),
                prefix + "scoring",
                config.topics().transactions(),
                prefix + "alerts",
                config.topics().alerts(),
                prefix + "history",
                config.topics().scores());
    }

    long phaseStartedMillis() {
        return phaseStartedMillis;
    }

    /** Produces at {@code rate} per second for {@code seconds}; returns when each transaction was sent (epoch ms), by id. */
    Map<String, Long> send(int rate, int seconds) {
        Map<String, Long> sentAt = new HashMap<>(rate * seconds * 2);
        phaseStartedMillis = System.currentTimeMillis();
        Pacing.run(rate, Duration.ofSeconds(seconds), Duration.ofNanos(PACE_TICK_NANOS), (index, scheduled) -> {
            Transaction tx = next();
            sentAt.put(tx.transactionId(), System.currentTimeMillis());
            var unused = producer.send(new ProducerRecord<>(config.topics().raw(), tx.accountId(), Json.toBytes(tx)));
        });
        producer.flush();
        return sentAt;
    }

    /** Offers {@code rate} for {@code seconds}; sustained when the lag at the end exceeds the lag half-way by less than a second of traffic. */
    JsonObject rampStep(int rate, int seconds) throws Exception {
        int half = Math.max(1, seconds / 2);
        long started = System.nanoTime();
        int sent = send(rate, half).size();
        long lagMid = lag();
        sent += send(rate, seconds - half).size();
        long lagEnd = lag();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long achieved = Math.round(sent / elapsed);
        boolean sustained = lagEnd - lagMid < rate && achieved >= 0.95 * rate;
        return new JsonObject()
                .put("offered_rate", rate)
                .put("seconds", seconds)
                .put("achieved_rate", achieved)
                .put("lag_mid", lagMid)
                .put("lag_end", lagEnd)
                .put("sustained", sustained);
    }

    /** Waits until every stage has caught up. */
    void drain(Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (lag() > 0 && System.nanoTime() < end) {
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    /** Messages the platform's consumer groups have yet to process, over all their partitions (groups not running are left out). */
    long lag() throws Exception {
        long total = 0;
        for (var group : groupTopics.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata()
                    .get();
            if (committed.isEmpty()) {
                continue;
            }
            List<TopicPartition> partitions = admin
                    .describeTopics(List.of(group.getValue()))
                    .allTopicNames()
                    .get()
                    .get(group.getValue())
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(group.getValue(), p.partition()))
                    .toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (TopicPartition p : partitions) {
                OffsetAndMetadata done = committed.get(p);
                total += ends.get(p).offset() - (done == null ? 0 : done.offset());
            }
        }
        return total;
    }

    private Transaction next() {
        return next("bench-");
    }

    /**
     * The next transaction of the stream's generated world under an id with {@code prefix}: what the decision calls
     * send, so that the accounts they pay from pay as they do in the stream. (Safe from the caller's thread while the
     * stream sends.)
     */
    synchronized Transaction next(String prefix) {
        return renamed(generator.next().transaction(), prefix + sequence++);
    }

    /** A generated transaction under the benchmark's own id, without its label: what a bank's systems would send. */
    static Transaction renamed(Transaction g, String id) {
        return new Transaction(
                id,
                g.accountId(),
                g.amount(),
                g.currency(),
                g.originalAmount(),
                g.originalCurrency(),
                g.timestamp(),
                g.merchantId(),
                g.merchantCategoryCode(),
                g.channel(),
                g.deviceId(),
                g.ip(),
                g.counterpartyAccount(),
                g.country(),
                null,
                null);
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
