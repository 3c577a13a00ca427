package pe.centinela.workbench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.generator.GeneratedTransaction;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.MuleRing;
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
    /** When the first takeover through a mule is played, and how often after. */
    static final Duration FIRST_RING = Duration.ofMinutes(1);

    static final Duration RING_EVERY = Duration.ofMinutes(5);

    private final PlatformConfig config;
    private final double ratePerSecond;
    private final GeneratorSettings baseSettings;
    private final AtomicLong produced = new AtomicLong();
    private final Consumer<String> announce;
    private TransactionGenerator generator;
    private KafkaProducer<String, byte[]> producer;
    private double owed;
    private long generation;
    private long seed;

    /** @param announce told, in words, of each takeover through a mule played */
    public DemoTrafficVerticle(
            PlatformConfig config, double ratePerSecond, GeneratorSettings baseSettings, Consumer<String> announce) {
        this.config = config;
        this.ratePerSecond = ratePerSecond;
        this.baseSettings = baseSettings;
        this.announce = announce;
    }

    public long produced() {
        return produced.get();
    }

    @Override
    public Future<?> start() {
        producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "demo-traffic"));
        generator = newGenerator();
        vertx.setPeriodic(TICK_MS, id -> tick());
        vertx.setPeriodic(FIRST_RING.toMillis(), RING_EVERY.toMillis(), id -> injectRing());
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

    /** The generator's accounts under this generator's own ids, as payer and as payee (a mule, a wallet contact). */
    private Transaction ownAccount(Transaction tx) {
        return tx.withParties(accountOf(seed, tx.accountId()), ownIfCustomer(tx.counterpartyAccount()));
    }

    private String ownIfCustomer(String account) {
        return account != null && account.startsWith(CUSTOMER_PREFIX) ? accountOf(seed, account) : account;
    }

    /**
     * Plays an account takeover through a mule among the traffic, so the demo shows what the case manager makes of
     * it: the victims' and the mule's alerts joined in one case by the shared device and the payments to the mule.
     */
    private void injectRing() {
        MuleRing ring = generator.injectMuleRing();
        announce.accept(
                "takeover through a mule: " + ownIfCustomer(ring.victims().get(0)) + " and "
                        + ownIfCustomer(ring.victims().get(1)) + " (device " + ring.device() + ") pay "
                        + ownIfCustomer(ring.mule()) + ", who passes it on; see Casos");
    }

    private static final String CUSTOMER_PREFIX = "acc-";

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
