package pe.centinela.workbench.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.embedded.ScratchDirectory;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.training.Backtest;
import pe.centinela.scoring.training.Imbalance;
import pe.centinela.scoring.training.ModelFamily;
import pe.centinela.scoring.training.ModelTraining;

/**
 * The scoring kernels, per transaction: features alone, the model alone on feature rows computed beforehand (plain
 * Java, in micro-batches), and features plus the model through the plain-Java forward pass, through DL4J in
 * micro-batches, and through DL4J one transaction at a time. Each invocation handles a
 * micro-batch of {@value #BATCH} generated transactions in time order (the per-transaction path handles
 * {@value #SINGLES}, one DL4J call each).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoringBenchmarks {

    public static final int BATCH = 500;
    /** Where {@link #trainModels} left the bundles, for the benchmark JVMs. */
    public static final String MODELS_PROPERTY = "centinela.bench.models";

    public static final int SINGLES = 50;
    private static final int TRANSACTIONS = 200_000;

    @Param({"autoencoder", "hybrid", "gbdt"})
    public String model;

    /** Active rules the plain-Java path evaluates beside the model ({@link BenchRules}). */
    @Param({"0"})
    public int rules;

    private List<Transaction> traffic;
    private Scorer javaScorer;
    private Scorer dl4jScorer;
    private double threshold;
    private ScoringEngine javaEngine;
    private ScoringEngine dl4jEngine;
    private ScoringEngine singleEngine;
    private FeaturePipeline features;
    private int next;
    private double[][][] rowBatches;
    private pe.centinela.core.rules.RuleBook ruleBook;
    private final pe.centinela.core.rules.RuleInput ruleInput = new pe.centinela.core.rules.RuleInput();
    private int nextRows;

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path dir = Path.of(System.getProperty(MODELS_PROPERTY, ""));
        if (dir.toString().isEmpty()) {
            dir = ScratchDirectory.create("fraud-bench-models").path();
            trainModels(dir, List.of(model));
        }
        ModelBundles bundles = benchBundles(dir);
        String version = Files.readString(dir.resolve(model + ".version")).trim();
        javaScorer = bundles.load(version, ModelBundles.Inference.JAVA).scorer();
        dl4jScorer = bundles.load(version, ModelBundles.Inference.DL4J).scorer();
        threshold = bundles.manifest(version).alertThreshold();
        traffic = traffic();
        rowBatches = featureRows(traffic.subList(0, 40 * BATCH));
        ruleBook = BenchRules.book(rules);
        restart();
    }

    /** The transactions' feature rows, in micro-batches of {@value #BATCH}. */
    private static double[][][] featureRows(List<Transaction> transactions) {
        FeaturePipeline pipeline = new FeaturePipeline();
        double[][][] batches = new double[transactions.size() / BATCH][BATCH][];
        for (int i = 0; i < batches.length * BATCH; i++) {
            double[] row = new double[FeatureCatalogue.SIZE];
            pipeline.next(transactions.get(i), row);
            batches[i / BATCH][i % BATCH] = row;
        }
        return batches;
    }

    /** Trains one bundle of each kind on generated history into {@code dir}, once for all the benchmarks. */
    public static void trainModels(Path dir, List<String> kinds) throws Exception {
        ModelBundles bundles = benchBundles(dir);
        for (String kind : kinds) {
            ModelFamily family = ModelFamily.parse(kind);
            ModelTraining.Options options = new ModelTraining.Options(
                    java.util.List.of(family), Imbalance.WEIGHTS, Duration.ofDays(2), 0.25, 1.0, 20.0, null, 3, null);
            ModelTraining.Result result = new ModelTraining(
                            options, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC))
                    .train(generated(9).iterator(), new Backtest.Progress() {
                        @Override
                        public void replayed(long rows, Instant at) {}

                        @Override
                        public void step(String message) {}
                    });
            ModelManifest saved = result.saveTo(bundles);
            Files.writeString(dir.resolve(kind + ".version"), saved.version());
        }
    }

    /** The plain-Java scorer of the bundle of {@code kind} that {@link #trainModels} left in {@code dir}. */
    static Scorer javaScorer(Path dir, String kind) throws java.io.IOException {
        String version = Files.readString(dir.resolve(kind + ".version")).trim();
        return benchBundles(dir).load(version, ModelBundles.Inference.JAVA).scorer();
    }

    /** The alert threshold of the bundle of {@code kind} in {@code dir}. */
    static double alertThreshold(Path dir, String kind) throws java.io.IOException {
        String version = Files.readString(dir.resolve(kind + ".version")).trim();
        return benchBundles(dir).manifest(version).alertThreshold();
    }

    /** The benchmarks' traffic: {@value #TRANSACTIONS} generated transactions in time order. */
    static List<Transaction> traffic() {
        List<Transaction> traffic = new ArrayList<>(TRANSACTIONS);
        generated(21).iterator().forEachRemaining(traffic::add);
        return traffic;
    }

    /** The benchmark's bundles, signed and verified with the key pair kept beside them. */
    private static ModelBundles benchBundles(Path dir) throws java.io.IOException {
        pe.centinela.workbench.DemoKeys keys = pe.centinela.workbench.DemoKeys.in(dir);
        return new ModelBundles(
                        dir, pe.centinela.core.signing.ModelTrust.of(keys.pair().getPublic()))
                .signingWith(keys.pair().getPrivate());
    }

    /** Fresh engines at the start of the traffic, so accounts' histories always move forward in time. */
    private void restart() {
        javaEngine = new ScoringEngine(new ScoringEngine.ActiveModel("java", javaScorer, threshold), Clock.systemUTC());
        javaEngine.activate(BenchRules.book(rules));
        dl4jEngine = new ScoringEngine(new ScoringEngine.ActiveModel("dl4j", dl4jScorer, threshold), Clock.systemUTC());
        singleEngine =
                new ScoringEngine(new ScoringEngine.ActiveModel("dl4j", dl4jScorer, threshold), Clock.systemUTC());
        features = new FeaturePipeline();
        next = 0;
    }

    private List<Transaction> nextBatch(int size) {
        if (next + size > traffic.size()) {
            restart();
        }
        List<Transaction> batch = traffic.subList(next, next + size);
        next += size;
        return batch;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void featuresOnly(Blackhole blackhole) {
        double[] row = new double[FeatureCatalogue.SIZE];
        for (Transaction tx : nextBatch(BATCH)) {
            blackhole.consume(features.next(tx, row));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object modelOnly() {
        nextRows = (nextRows + 1) % rowBatches.length;
        return javaScorer.score(rowBatches[nextRows], threshold);
    }

    /** The active rules alone, on feature rows computed beforehand: what rules add to each transaction. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rulesOnly(Blackhole blackhole) {
        nextRows = (nextRows + 1) % rowBatches.length;
        double[][] rows = rowBatches[nextRows];
        int offset = nextRows * BATCH;
        for (int i = 0; i < BATCH; i++) {
            blackhole.consume(ruleBook.evaluate(ruleInput.set(traffic.get(offset + i), rows[i], 0.2)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object javaForwardPass() {
        return score(javaEngine, nextBatch(BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object dl4jMicroBatch() {
        return score(dl4jEngine, nextBatch(BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(SINGLES)
    public void dl4jPerTransaction(Blackhole blackhole) {
        for (Transaction tx : nextBatch(SINGLES)) {
            blackhole.consume(score(singleEngine, List.of(tx)));
        }
    }

    private static List<ScoringEngine.Outcome> score(ScoringEngine engine, List<Transaction> batch) {
        ScoringEngine.PreparedBatch prepared = engine.prepare(batch);
        return engine.complete(prepared, engine.score(prepared));
    }

    static Iterable<Transaction> generated(long seed) {
        TransactionGenerator g =
                new TransactionGenerator(GeneratorSettings.defaults(seed, Instant.parse("2026-01-01T05:00:00Z"))
                        .withAccounts(2_000)
                        .withFraudRate(0.01));
        return () -> new Iterator<>() {
            int given;

            @Override
            public boolean hasNext() {
                return given < TRANSACTIONS;
            }

            @Override
            public Transaction next() {
                given++;
                return g.next().transaction();
            }
        };
    }
}
