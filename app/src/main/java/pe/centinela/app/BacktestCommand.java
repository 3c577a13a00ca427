package pe.centinela.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.evaluation.Evaluation;
import pe.centinela.scoring.training.Backtest;
import pe.centinela.scoring.training.BacktestReport;
import pe.centinela.scoring.training.FeatureTable;
import pe.centinela.scoring.training.Imbalance;
import pe.centinela.scoring.training.LabelledHistory;
import pe.centinela.scoring.training.ModelFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraud backtest}: train on one window, wait out the feedback delay, test on the next, and report. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a labelled history in time order: train on a window, leave a feedback delay whose labels are not yet known,",
            "then test once on the following window. Writes metrics.json, scores.csv, roc.svg, pr.svg and report.html."
        })
public final class BacktestCommand implements Callable<Integer> {

    @Mixin
    HistoryOptions history;

    @Option(names = "--train-days", defaultValue = "60", description = "training window (default: ${DEFAULT-VALUE})")
    int trainDays;

    @Option(
            names = "--delay-days",
            defaultValue = "7",
            description = "feedback delay: labels of these days are not yet known (default: ${DEFAULT-VALUE})")
    int delayDays;

    @Option(names = "--test-days", defaultValue = "30", description = "test window (default: ${DEFAULT-VALUE})")
    int testDays;

    @Option(
            names = "--models",
            defaultValue = "logistic,autoencoder,dense,hybrid,cnn,gbdt,hybrid-gbdt",
            split = ",",
            description = "models to compare (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(
            names = "--imbalance",
            defaultValue = "weights",
            description = "weights, smote or none; trees take weights or none (default: ${DEFAULT-VALUE})")
    String imbalance;

    @Option(
            names = "--alerts-per-day",
            defaultValue = "50",
            description = "alert budget that sets the threshold on the validation window (default: ${DEFAULT-VALUE})")
    double alertsPerDay;

    @Option(
            names = "--top-k",
            defaultValue = "50",
            description = "alerts an analyst team reviews per day (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(
            names = "--legit-sample",
            defaultValue = "0.25",
            description = "share of legitimate training rows kept, to bound memory (default: ${DEFAULT-VALUE})")
    double legitimateSample;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the report (default: backtest-<time>)")
    Path out;

    @Option(
            names = "--export-features",
            description = "also write every window's feature rows to features.csv.gz in the report directory")
    boolean exportFeatures;

    @Override
    public Integer call() throws Exception {
        Console console = Console.standard();
        Iterator<Transaction> transactions = history.open();
        String dataName = history.name();
        Backtest.Options options = new Backtest.Options(
                Duration.ofDays(trainDays),
                Duration.ofDays(delayDays),
                Duration.ofDays(testDays),
                0.15,
                legitimateSample,
                models.stream().map(ModelFamily::parse).toList(),
                Imbalance.parse(imbalance),
                alertsPerDay,
                topK,
                history.seed,
                history.trainStart());
        Path dir = out != null
                ? out
                : Path.of("backtest-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                .withZone(ZoneOffset.UTC)
                                .format(Instant.now()));
        console.title("Backtest of " + dataName);
        long started = System.nanoTime();
        TrainingProgress progress = new TrainingProgress(console);
        Backtest backtest = new Backtest(options);
        LabelledHistory replayed = backtest.replay(transactions, progress);
        if (exportFeatures) {
            java.nio.file.Files.createDirectories(dir);
            FeatureTable.write(replayed, dir.resolve("features.csv.gz"));
            console.line("features", dir.resolve("features.csv.gz").toString());
        }
        Backtest.Result result = backtest.evaluate(replayed, progress);
        BacktestReport.write(result, dataName, dir);
        table(console, result);
        if (history.rejected[0] > 0) {
            console.line(
                    "skipped",
                    Console.count(history.rejected[0]) + " rows the checks rejected (see fraud import --dry-run)");
        }
        console.line("report", dir.resolve("report.html") + "  (" + Console.seconds(System.nanoTime() - started) + ")");
        return 0;
    }

    private static void table(Console console, Backtest.Result result) {
        var h = result.history();
        if (h.warmUp() > 0) {
            console.plain("  warm-up " + Console.count(h.warmUp()) + " transactions before "
                    + h.windows().start() + " (state only, no training rows)");
        }
        console.plain(String.format(
                Locale.ROOT,
                "  train %s → %s (%s rows, %s fraud) · test %s → %s (%s rows, %s fraud)",
                h.windows().start(),
                h.windows().trainEnd(),
                Console.count(h.train().size() + h.validation().size()),
                Console.count(h.train().frauds() + h.validation().frauds()),
                h.windows().testStart(),
                h.windows().testEnd(),
                Console.count(h.test().size()),
                Console.count(h.test().frauds())));
        console.plain(String.format(
                Locale.ROOT,
                "  %-12s %8s %8s %9s %7s %6s %10s",
                "model",
                "ROC-AUC",
                "AP",
                "precision",
                "recall",
                "F1",
                "top-" + result.options().topK() + "/day"));
        for (Backtest.ModelResult r : result.models()) {
            Evaluation e = r.test();
            console.plain(String.format(
                    Locale.ROOT,
                    "  %-12s %8.3f %8.3f %9.3f %7.3f %6.3f %10.3f",
                    r.family().code(),
                    e.rocAuc(),
                    e.averagePrecision(),
                    e.precision(),
                    e.recall(),
                    e.f1(),
                    e.precisionAtTopK()));
        }
    }
}
