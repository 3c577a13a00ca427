package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import pe.centinela.core.domain.Transaction;
import pe.centinela.embedded.ScratchDirectory;
import pe.centinela.scoring.training.ModelFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fraud bench scoring}: in-process scoring throughput by JMH, as a table and a JSON file. */
@Command(
        name = "scoring",
        mixinStandardHelpOptions = true,
        description =
                "Measure in-process scoring (features plus the model) in tx/s with JMH: plain-Java forward pass, DL4J micro-batches, "
                        + "DL4J one transaction at a time; for the autoencoder, the hybrid model and the gradient-boosted trees (plain Java only: "
                        + "trees never run in a native library at scoring time).")
public final class ScoringBench implements Callable<Integer> {

    @Option(
            names = "--out",
            description = "JSON results (default: ${DEFAULT-VALUE})",
            defaultValue = "bench-scoring.json")
    Path out;

    @Option(names = "--quick", description = "one short iteration in this JVM: a smoke run, not a measurement")
    boolean quick;

    @Option(
            names = "--models",
            split = ",",
            description = "model kinds (default: ${DEFAULT-VALUE})",
            defaultValue = "autoencoder,hybrid,gbdt")
    List<String> models;

    @Option(
            names = "--rules",
            description = "time what this many active rules (and a watch list of 1,000 devices) cost: features plus "
                    + "the model without rules and with them, and the rules alone on feature rows")
    int rules;

    @Override
    public Integer call() throws Exception {
        System.out.println("Training " + String.join(" and ", models) + " bundles on generated history …");
        try (ScratchDirectory bundles = ScratchDirectory.create("fraud-bench-models")) {
            ScoringBenchmarks.trainModels(bundles.path(), models);
            return measure(bundles.path());
        }
    }

    private int measure(Path bundles) throws Exception {
        System.setProperty(ScoringBenchmarks.MODELS_PROPERTY, bundles.toString());
        List<String> trees = models.stream()
                .filter(m -> ModelFamily.parse(m) == ModelFamily.GBDT)
                .toList();
        List<String> networks = models.stream().filter(m -> !trees.contains(m)).toList();
        System.out.println("Running JMH ("
                + (quick ? "quick smoke run" : "1 fork, 4 warm-up and 3 measured iterations each") + ") …");
        Collection<RunResult> results = new ArrayList<>();
        if (rules > 0) {
            results.addAll(new Runner(options(bundles, models, "\\.(javaForwardPass|featuresOnly)$")
                            .param("rules", "0", Integer.toString(rules))
                            .build())
                    .run());
            results.addAll(new Runner(options(bundles, models, "\\.rulesOnly$")
                            .param("rules", Integer.toString(rules))
                            .build())
                    .run());
            return report(results, interleaved(bundles));
        }
        if (!networks.isEmpty()) {
            results.addAll(new Runner(options(bundles, networks, ".*").build()).run());
        }
        if (!trees.isEmpty()) {
            // trees have no DL4J part: the DL4J paths would time the same plain-Java trees again
            results.addAll(new Runner(options(bundles, trees, "\\.(featuresOnly|modelOnly|javaForwardPass)$")
                            .build())
                    .run());
        }
        return report(results, new JsonArray());
    }

    /**
     * The rules' cost for each model, with and without them on interleaved batches in this JVM: the figure to read,
     * since JMH's forks minutes apart differ by more than the rules cost on a shared virtual machine.
     */
    private JsonArray interleaved(Path bundles) throws Exception {
        Duration warmup = quick ? Duration.ofSeconds(1) : Duration.ofSeconds(20);
        Duration measured = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(30);
        System.out.println("Interleaving batches with and without the " + rules + " rules (" + warmup.toSeconds()
                + " s warm-up, " + measured.toSeconds() + " s measured) …");
        List<Transaction> traffic = ScoringBenchmarks.traffic();
        JsonArray rows = new JsonArray();
        for (String kind : models) {
            RulesCost.Result r = new RulesCost(
                            ScoringBenchmarks.javaScorer(bundles, kind),
                            ScoringBenchmarks.alertThreshold(bundles, kind),
                            BenchRules.book(rules),
                            traffic,
                            ScoringBenchmarks.BATCH)
                    .measure(warmup, measured);
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %d rules add %.1f %% to features + model (%,.0f → %,.0f ns/tx; median of %,d paired batches %+.1f %%)%n",
                    kind,
                    rules,
                    100 * r.extraShare(),
                    r.withoutNanosPerTx(),
                    r.withNanosPerTx(),
                    r.rounds(),
                    100 * r.medianExtraShare());
            rows.add(new JsonObject()
                    .put("model", kind)
                    .put("rules", rules)
                    .put("paired_batches", r.rounds())
                    .put("ns_per_tx_without", Math.round(r.withoutNanosPerTx()))
                    .put("ns_per_tx_with", Math.round(r.withNanosPerTx()))
                    .put("extra_percent", Math.round(1000 * r.extraShare()) / 10.0)
                    .put("median_pair_extra_percent", Math.round(1000 * r.medianExtraShare()) / 10.0));
        }
        return rows;
    }

    private ChainedOptionsBuilder options(Path bundles, List<String> kinds, String methods) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ScoringBenchmarks.class.getName() + methods)
                .param("model", kinds.toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (quick) {
            options.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.seconds(1));
        } else {
            options.forks(1)
                    .jvmArgsAppend("-Xmx2g", "-D" + ScoringBenchmarks.MODELS_PROPERTY + "=" + bundles)
                    .warmupIterations(4)
                    .warmupTime(TimeValue.seconds(3))
                    .measurementIterations(3)
                    .measurementTime(TimeValue.seconds(5));
        }
        return options;
    }

    private int report(Collection<RunResult> results, JsonArray rulesCost) throws Exception {
        JsonArray rows = new JsonArray();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT, "%-12s %-20s %6s %14s %12s %10s", "model", "path", "rules", "tx/s", "ns/tx", "± %"));
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String path = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String model = result.getParams().getParam("model");
            String ruleCount = result.getParams().getParam("rules");
            double perSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            double errorPercent = Double.isNaN(error) ? 0 : 100 * error / perSecond;
            rows.add(new JsonObject()
                    .put("model", model)
                    .put("path", path)
                    .put("rules", Integer.parseInt(ruleCount))
                    .put("tx_per_second", Math.round(perSecond))
                    .put("ns_per_tx", Math.round(1e9 / perSecond))
                    .put("error_percent", Math.round(errorPercent * 10) / 10.0));
            lines.add(String.format(
                    Locale.ROOT,
                    "%-12s %-20s %6s %,14.0f %,12.0f %9.1f%%",
                    model,
                    path,
                    ruleCount,
                    perSecond,
                    1e9 / perSecond,
                    errorPercent));
        }
        lines.forEach(System.out::println);
        JsonObject report = new JsonObject()
                .put("benchmark", "scoring")
                .put("quick", quick)
                .put("machine", Machine.describe())
                .put("results", rows);
        if (!rulesCost.isEmpty()) {
            report.put("rules_cost_interleaved", rulesCost);
        }
        Files.writeString(out, report.encodePrettily());
        System.out.println("Wrote " + out.toAbsolutePath());
        return 0;
    }
}
