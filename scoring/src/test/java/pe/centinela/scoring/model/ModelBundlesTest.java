package pe.centinela.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.generator.GeneratorSettings;
import pe.centinela.core.generator.TransactionGenerator;
import pe.centinela.core.model.Transaction;
import pe.centinela.core.scoring.AnomalyScorer;
import pe.centinela.core.scoring.ModelManifest;
import pe.centinela.core.scoring.Scorer;

/** Trains a small autoencoder with DL4J, saves it as a bundle and loads it back. */
class ModelBundlesTest {

    static AutoencoderTraining.Result trained;
    static final List<Integer> epochsSeen = new ArrayList<>();

    @BeforeAll
    static void train() {
        TransactionGenerator generator = new TransactionGenerator(GeneratorSettings.defaults(5, Instant.parse("2026-01-01T00:00:00Z"))
                .withAccounts(200).withFraudRate(0.03));
        Iterator<Transaction> history = new Iterator<>() {
            public boolean hasNext() {
                return true;
            }

            public Transaction next() {
                return generator.next().transaction();
            }
        };
        var options = new AutoencoderTraining.Options(0.25, 0.99, new AutoencoderTrainer.Hyperparameters(16, 6, 3, 128, 1e-2, 3));
        trained = new AutoencoderTraining(options, Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC))
                .train(history, 4_000, new AutoencoderTraining.Progress() {
                    public void replayed(int rows) {
                    }

                    public void epochDone(int epoch, int epochs, double trainLoss, double validationLoss) {
                        epochsSeen.add(epoch);
                    }
                });
    }

    @Test
    void trainingReportsEveryEpochAndTimeOrderedMetrics() {
        assertThat(epochsSeen).containsExactly(1, 2, 3);
        ModelManifest manifest = trained.manifest();
        assertThat(manifest.version()).startsWith("ae-20261124-100000-").hasSize("ae-20261124-100000-".length() + 6);
        assertThat(manifest.features()).hasSize(FeatureCatalogue.SIZE);
        assertThat(manifest.metrics()).containsKeys("validation_rows", "validation_roc_auc", "validation_average_precision");
        assertThat(manifest.metrics().get("validation_rows")).isEqualTo(1000.0);
        assertThat(manifest.dataFingerprint()).hasSize(64);
    }

    @Test
    void aSavedBundleScoresExactlyLikeTheTrainedModel(@TempDir Path dir) throws IOException {
        ModelBundles bundles = new ModelBundles(dir);
        ModelManifest saved = bundles.save(trained.manifest(), trained.model());
        assertThat(saved.networkSha256()).hasSize(64);

        ModelBundles.LoadedModel loaded = bundles.load(saved.version());
        double[][] rows = new double[5][FeatureCatalogue.SIZE];
        for (int i = 0; i < rows.length; i++) {
            rows[i][FeatureCatalogue.LOG_AMOUNT] = i;
            rows[i][FeatureCatalogue.NIGHT] = i % 2;
        }
        AnomalyScorer original = new AnomalyScorer(saved.standardizer(), saved.calibration(), trained.model());
        Scorer.RowScore[] expected = original.score(rows, 0);
        Scorer.RowScore[] actual = loaded.scorer().score(rows, 0);
        for (int i = 0; i < rows.length; i++) {
            assertThat(actual[i].score()).isEqualTo(expected[i].score());
        }
    }

    @Test
    void aTamperedNetworkFailsItsChecksum(@TempDir Path dir) throws IOException {
        ModelBundles bundles = new ModelBundles(dir);
        ModelManifest saved = bundles.save(trained.manifest(), trained.model());
        Files.write(dir.resolve(saved.version()).resolve(ModelBundles.NETWORK_FILE), new byte[] {1}, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> bundles.load(saved.version())).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }

    @Test
    void aBundleOfAnotherFeatureSetIsRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        ModelBundles bundles = new ModelBundles(dir);
        ModelManifest saved = bundles.save(trained.manifest(), trained.model());
        Path manifest = dir.resolve(saved.version()).resolve(ModelManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("\"merchant_risk\"", "\"some_old_feature\""));
        assertThatThrownBy(() -> bundles.load(saved.version())).isInstanceOf(ModelBundles.IncompatibleModelException.class)
                .hasMessageContaining("another feature set");
        assertThat(Files.readString(dir.resolve(saved.version()).resolve(ModelBundles.CATALOGUE_FILE))).contains("\"pattern\"");
    }

    @Test
    void aMissingVersionIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> new ModelBundles(dir).load("ae-missing")).hasMessageContaining("ae-missing").hasMessageContaining("not found");
    }
}
