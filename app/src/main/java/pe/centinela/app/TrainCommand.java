package pe.centinela.app;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.evaluation.Evaluation;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.training.Imbalance;
import pe.centinela.scoring.training.ModelFamily;
import pe.centinela.scoring.training.ModelTraining;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraud train}: a model bundle from a labelled history, validated on its most recent part. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a model on a labelled history (a mapped CSV export, or generated data) in time order, with early stopping",
            "on its most recent part, and write a versioned bundle: network(s) or trees, scaling, feature catalogue, threshold, metrics, sha256,",
            "signed with the business's Ed25519 key (--signing-key)."
        })
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    HistoryOptions history;

    @Option(
            names = "--generated-rows",
            defaultValue = "300000",
            description = "rows of generated history without --data (default: ${DEFAULT-VALUE})")
    int generatedRows;

    @Option(
            names = "--model",
            defaultValue = "auto",
            description = {
                "auto, or one of logistic, autoencoder, dense, hybrid, cnn, gbdt, hybrid-gbdt;",
                "auto trains the --candidates and keeps the best on the validation window (default: ${DEFAULT-VALUE})"
            })
    String model;

    @Option(
            names = "--candidates",
            defaultValue = "logistic,dense,hybrid,gbdt,hybrid-gbdt",
            split = ",",
            description = "families --model auto chooses from (default: ${DEFAULT-VALUE})")
    List<String> candidates;

    @Option(
            names = "--imbalance",
            defaultValue = "weights",
            description = "weights, smote or none; trees take weights or none (default: ${DEFAULT-VALUE})")
    String imbalance;

    @Option(
            names = "--label-delay-days",
            defaultValue = "3",
            description = "how long after a transaction its label is known (default: ${DEFAULT-VALUE})")
    int labelDelayDays;

    @Option(
            names = "--validation-share",
            defaultValue = "0.2",
            description = "most recent share of the time span used for validation (default: ${DEFAULT-VALUE})")
    double validationShare;

    @Option(
            names = "--legit-sample",
            defaultValue = "1.0",
            description = "share of legitimate training rows kept (default: ${DEFAULT-VALUE})")
    double legitimateSample;

    @ArgGroup(exclusive = true)
    Target target = new Target();

    static final class Target {
        @Option(
                names = "--alerts-per-day",
                description = "set the threshold so validation raises this many alerts a day (default: 50)")
        Double alertsPerDay;

        @Option(
                names = "--precision",
                description = "set the threshold to the lowest score whose alerts reach this precision on validation")
        Double precision;
    }

    @Option(
            names = "--model-dir",
            defaultValue = "models",
            description = "where bundles are written (default: ${DEFAULT-VALUE})")
    Path modelDir;

    @Option(
            names = "--signing-key",
            paramLabel = "FILE",
            defaultValue = "${env:" + SIGNING_KEY_ENV + "}",
            description = {
                "Ed25519 private key (PKCS#8 PEM) the bundle is signed with; default: the file named by "
                        + SIGNING_KEY_ENV + ".",
                "Required: scoring and the operator load only bundles signed by a key in scoring.trusted-keys.",
                "Make a pair with 'fraud models keygen'; keep the private key with whoever may release models."
            })
    Path signingKey;

    static final String SIGNING_KEY_ENV = "FRAUD_TRAINING_SIGNING_KEY";

    @Override
    public Integer call() throws Exception {
        if (signingKey == null) {
            throw new IllegalArgumentException(
                    "--signing-key is required (or set " + SIGNING_KEY_ENV + "): bundles are signed so that scoring "
                            + "loads only models the business released; make a key pair with: fraud models keygen");
        }
        PrivateKey key = SigningKeys.readPrivate(signingKey);
        Console console = Console.standard();
        Iterator<Transaction> transactions = history.data != null || history.fromTopic
                ? history.open()
                : HistorySource.limited(history.open(), generatedRows);
        Double alertsPerDay =
                target.precision == null && target.alertsPerDay == null ? Double.valueOf(50) : target.alertsPerDay;
        List<ModelFamily> families = "auto".equalsIgnoreCase(model.trim())
                ? candidates.stream().map(ModelFamily::parse).toList()
                : List.of(ModelFamily.parse(model));
        ModelTraining.Options options = new ModelTraining.Options(
                families,
                Imbalance.parse(imbalance),
                Duration.ofDays(labelDelayDays),
                validationShare,
                legitimateSample,
                alertsPerDay,
                target.precision,
                history.seed,
                history.trainStart());
        console.title("Training "
                + families.stream().map(ModelFamily::code).collect(java.util.stream.Collectors.joining(", ")) + " on "
                + history.name());
        long started = System.nanoTime();
        ModelTraining.Result result =
                new ModelTraining(options, Clock.systemUTC()).train(transactions, new TrainingProgress(console));
        ModelManifest saved =
                result.saveTo(new ModelBundles(modelDir, new ModelTrust(List.of(), false)).signingWith(key));
        Evaluation v = result.validation();
        if (result.candidates().size() > 1) {
            for (ModelTraining.Candidate c : result.candidates()) {
                console.line(
                        c.equals(best(result)) ? "chosen" : "candidate",
                        String.format(
                                Locale.ROOT,
                                "%-12s validation average precision %.3f, ROC-AUC %.3f (%s)",
                                c.family().code(),
                                c.averagePrecision(),
                                c.rocAuc(),
                                Console.seconds((long) (c.seconds() * 1e9))));
            }
        }
        console.line(
                "validation",
                String.format(
                        Locale.ROOT,
                        "ROC-AUC %.3f · average precision %.3f · at threshold %.4f: precision %.3f, recall %.3f",
                        v.rocAuc(),
                        v.averagePrecision(),
                        v.threshold(),
                        v.precision(),
                        v.recall()));
        if (history.rejected[0] > 0) {
            console.line("skipped", Console.count(history.rejected[0]) + " rows the checks rejected");
        }
        console.line(
                "bundle",
                modelDir.resolve(saved.version()) + "  (" + Console.seconds(System.nanoTime() - started) + ")");
        return 0;
    }

    private static ModelTraining.Candidate best(ModelTraining.Result result) {
        return result.candidates().stream()
                .filter(c -> c.family() == result.fitted().family())
                .findFirst()
                .orElseThrow();
    }
}
