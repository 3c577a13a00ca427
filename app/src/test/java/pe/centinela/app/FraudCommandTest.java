package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.scoring.bundle.ModelBundles;

class FraudCommandTest {

    private String err = "";

    private int run(String... args) {
        Cli.Run run = Cli.fraud(args);
        err = run.err();
        return run.code();
    }

    @Test
    void aDemoWithADataDirectoryLogsInsideItAndEverythingElseInTheHomeDirectory() {
        Path home = Path.of("/home/ana");
        assertThat(FraudCommand.logDirectory(new String[] {"demo", "--data-dir", "/tmp/d"}, home))
                .isEqualTo(Path.of("/tmp/d/logs"));
        assertThat(FraudCommand.logDirectory(new String[] {"demo", "--rate", "50", "--data-dir=/tmp/e"}, home))
                .isEqualTo(Path.of("/tmp/e/logs"));
        assertThat(FraudCommand.logDirectory(new String[] {"demo"}, home))
                .isEqualTo(Path.of("/home/ana/.centinela/logs"));
        assertThat(FraudCommand.logDirectory(new String[] {"import", "--data-dir", "/tmp/d"}, home))
                .isEqualTo(Path.of("/home/ana/.centinela/logs"));
        assertThat(FraudCommand.logDirectory(new String[] {"demo", "--data-dir"}, home))
                .as("a missing value is picocli's to report")
                .isEqualTo(Path.of("/home/ana/.centinela/logs"));
    }

    @Test
    void generateWritesTheRequestedRowsWithLabelsAndScenarios(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("tx.csv");
        assertThat(run("generate", "--rows", "500", "--out", csv.toString(), "--seed", "7"))
                .isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(501);
        assertThat(lines.get(0))
                .startsWith("transaction_id,account_id,amount,currency")
                .endsWith("fraud_label,fraud_scenario");
    }

    @Test
    void generateIsReproducibleWithASeed(@TempDir Path dir) throws Exception {
        run("generate", "--rows", "200", "--out", dir.resolve("a.csv").toString(), "--seed", "5");
        run("generate", "--rows", "200", "--out", dir.resolve("b.csv").toString(), "--seed", "5");
        assertThat(Files.readString(dir.resolve("a.csv"))).isEqualTo(Files.readString(dir.resolve("b.csv")));
    }

    @Test
    void trainWritesAVersionedBundleWithItsCatalogueSignedWithTheGivenKey(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        assertThat(run("models", "keygen", "--out", keys.toString())).as(err).isZero();
        Path models = dir.resolve("models");
        assertThat(run(
                        "train",
                        "--generated-rows",
                        "6000",
                        "--generated-accounts",
                        "300",
                        "--fraud-rate",
                        "0.03",
                        "--model",
                        "logistic",
                        "--model-dir",
                        models.toString(),
                        "--precision",
                        "0.5",
                        "--signing-key",
                        keys.resolve("model-signing.pem").toString()))
                .as(err)
                .isZero();
        try (var bundles = Files.list(models)) {
            Path bundle = bundles.findFirst().orElseThrow();
            assertThat(bundle.getFileName().toString()).startsWith("logistic-");
            assertThat(bundle.resolve("manifest.json")).exists();
            assertThat(Files.readString(bundle.resolve("feature-catalogue.json")))
                    .contains("merchant_risk");
            ModelTrust trust = new ModelTrust(
                    pe.centinela.core.config.TrustedKeys.parse(
                            keys.resolve("model-signing.pub.pem").toString(), ModelTrust.KEYS_KEY),
                    false);
            ModelBundles.verifySignature(bundle, bundle.getFileName().toString(), trust);
        }
    }

    @Test
    void trainAutoSaysWhichCandidateWonAndWritesItsBundle(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        assertThat(run("models", "keygen", "--out", keys.toString())).as(err).isZero();
        Path models = dir.resolve("models");
        Cli.Run run = Cli.fraud(
                "train",
                "--generated-rows",
                "6000",
                "--generated-accounts",
                "300",
                "--fraud-rate",
                "0.03",
                "--model",
                "auto",
                "--candidates",
                "autoencoder,logistic",
                "--model-dir",
                models.toString(),
                "--signing-key",
                keys.resolve("model-signing.pem").toString());
        assertThat(run.code()).as(run.err()).isZero();
        String chosen =
                run.out().lines().filter(l -> l.contains("chosen")).findFirst().orElseThrow();
        String family = chosen.contains("logistic") ? "logistic" : "autoencoder";
        assertThat(run.out()).contains("candidate").contains("validation average precision");
        try (var bundles = Files.list(models)) {
            assertThat(bundles.findFirst().orElseThrow().getFileName().toString())
                    .startsWith(family + "-");
        }
    }

    @Test
    void trainingStartingAfterTheHistoryIsAClearError(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        assertThat(run("models", "keygen", "--out", keys.toString())).as(err).isZero();
        assertThat(run(
                        "train",
                        "--generated-rows",
                        "3000",
                        "--model",
                        "logistic",
                        "--model-dir",
                        dir.resolve("models").toString(),
                        "--train-start",
                        "2030-01-01",
                        "--signing-key",
                        keys.resolve("model-signing.pem").toString()))
                .isEqualTo(UserErrors.FAILED);
        assertThat(err)
                .contains("the training start 2030-01-01T05:00:00Z is after the history's last transaction")
                .doesNotContain("\tat ");
    }

    @Test
    void backtestWithATrainStartThatIsNotADateSaysWhatADateLooksLike() {
        assertThat(run("backtest", "--train-start", "1/7/2019")).isEqualTo(UserErrors.FAILED);
        assertThat(err)
                .contains("--train-start '1/7/2019' is not a date such as 2019-07-01")
                .doesNotContain("\tat ");
    }

    @Test
    void trainWithoutASigningKeySaysHowToMakeOne(@TempDir Path dir) {
        assertThat(run("train", "--generated-rows", "6000", "--model", "logistic", "--model-dir", dir.toString()))
                .isNotZero();
        assertThat(err)
                .contains("--signing-key is required", "fraud models keygen")
                .doesNotContain("\tat ");
    }

    @Test
    void runWithoutKafkaSettingNamesTheMissingKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("fraud.properties");
        Files.writeString(config, "postgres.password=x\n");
        int code = run("run", "--role", "scoring", "--config", config.toString());
        assertThat(code).isEqualTo(UserErrors.CONFIG_ERROR);
        assertThat(err)
                .contains("kafka.bootstrap-servers")
                .contains("FRAUD_KAFKA_BOOTSTRAP_SERVERS")
                .doesNotContain("\tat ");
    }

    @Test
    void runRejectsAnUnknownRole() {
        assertThat(run("run", "--role", "everything")).isEqualTo(UserErrors.FAILED);
        assertThat(err).contains("unknown role 'everything'");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("generate", "--rows", "5", "--out", "x.csv", "--colour")).isEqualTo(2);
        assertThat(err).contains("Unknown option: '--colour'");
    }

    @Test
    void demoInTheProductionBuildSaysWhereTheDemoIs() {
        assertThat(run("demo", "--rate", "10")).isEqualTo(2);
        assertThat(err)
                .contains("'fraud demo' is not part of this production build")
                .contains("./fraud demo");
    }
}
