package pe.centinela.workbench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.generator.GeneratedTransaction;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * Plays a business's traffic into the raw topic at a fixed rate. The generator's clock is simulated and runs ahead
 * of the wall clock (a simulated day passes in about a minute at the default rate); when it would pass the present,
 * a new simulated month begins with fresh accounts. Each generator's accounts carry its seed in their ids, so a new
 * month, or a demo started again on the same data, never sends an account back in time behind the history and the
 * state the platform keeps for it.
 */
public final class DemoTrafficVerticle extends VerticleBase {

    private static final long TICK_MS = 20;
    private static final Duration SIMULATED_LOOKBACK = Duration.ofDays(60);

    private final PlatformConfig config;
    private final double ratePerSecond;
    private final GeneratorSettings baseSettings;
    private final AtomicLong produced = new AtomicLong();
    private TransactionGenerator generator;
    private KafkaProducer<String, byte[]> producer;
    private double owed;
    private long generation;
    private long seed;

    public DemoTrafficVerticle(PlatformConfig config, double ratePerSecond, GeneratorSettings baseSettings) {
        this.config = config;
        this.ratePerSecond = ratePerSecond;
        this.baseSettings = baseSettings;
    }

    public long produced() {
        return produced.get();
    }

    @Override
    public Future<?> start() {
        producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "demo-traffic"));
        generator = newGenerator();
        vertx.setPeriodic(TICK_MS, id -> tick());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return producer.close();
    }

    private TransactionGenerator newGenerator() {
        Instant start = Instant.now().minus(SIMULATED_LOOKBACK);
        seed = baseSettings.seed() + generation++;
        return new TransactionGenerator(new GeneratorSettings(
                seed,
                baseSettings.accounts(),
                baseSettings.fraudRate(),
                start,
                baseSettings.transactionsPerAccountPerDay(),
                baseSettings.usdShare()));
    }

    private Transaction ownAccount(Transaction tx) {
        return tx.withAccount(accountOf(seed, tx.accountId()));
    }

    /** The generator's {@code acc-000123} as {@code acc-<seed>-000123}: the digits stay last, where a masked id shows them. */
    static String accountOf(long seed, String generatedId) {
        return "acc-" + Long.toUnsignedString(seed, 36) + "-" + generatedId.substring(generatedId.indexOf('-') + 1);
    }

    private void tick() {
        owed += ratePerSecond * TICK_MS / 1000.0;
        int due = (int) owed;
        owed -= due;
        Instant now = Instant.now();
        for (int i = 0; i < due; i++) {
            GeneratedTransaction row = generator.next();
            if (row.transaction().timestamp().isAfter(now)) {
                generator = newGenerator();
                row = generator.next();
            }
            Transaction tx = ownAccount(row.transaction());
            producer.write(KafkaProducerRecord.create(config.topics().raw(), tx.accountId(), Json.toBytes(tx)));
            produced.incrementAndGet();
        }
    }
}
