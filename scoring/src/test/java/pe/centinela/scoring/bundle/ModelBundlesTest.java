package pe.centinela.scoring.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.inference.AnomalyScorer;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.signing.BundleSignature;
import pe.centinela.core.signing.BundleSignatureException;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import pe.centinela.scoring.training.AutoencoderTrainer;
import pe.centinela.scoring.training.AutoencoderTraining;

/** Trains a small autoencoder with DL4J, saves it as a bundle and loads it back. */
class ModelBundlesTest {

    static AutoencoderTraining.Result trained;
    static final List<Integer> epochsSeen = new ArrayList<>();

    @BeforeAll
    static void train() {
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(5, Instant.parse("2026-01-01T00:00:00Z"))
                        .withAccounts(200)
                        .withFraudRate(0.03));
        Iterator<Transaction> history = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Transaction next() {
                return generator.next().transaction();
            }
        };
        var options = new AutoencoderTraining.Options(
                0.25, 0.99, new AutoencoderTrainer.Hyperparameters(16, 6, 3, 128, 1e-2, 3));
        trained = new AutoencoderTraining(options, Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC))
                .train(history, 4_000, new AutoencoderTraining.Progress() {
                    @Override
                    public void replayed(int rows) {}

                    @Override
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
        assertThat(manifest.metrics())
                .containsKeys("validation_rows", "validation_roc_auc", "validation_average_precision");
        assertThat(manifest.metrics().get("validation_rows")).isEqualTo(1000.0);
        assertThat(manifest.dataFingerprint()).hasSize(64);
    }

    @Test
    void aSavedBundleScoresExactlyLikeTheTrainedModel(@TempDir Path dir) throws IOException {
        ModelBundles bundles = TestSigning.bundles(dir);
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
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = bundles.save(trained.manifest(), trained.model());
        Files.write(
                dir.resolve(saved.version()).resolve(ModelBundles.NETWORK_FILE),
                new byte[] {1},
                StandardOpenOption.APPEND);
        assertThatThrownBy(() -> bundles.load(saved.version()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void aBundleOfAnotherFeatureSetIsRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = bundles.save(trained.manifest(), trained.model());
        Path manifest = dir.resolve(saved.version()).resolve(ModelManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("\"merchant_risk\"", "\"some_old_feature\""));
        assertThatThrownBy(() -> bundles.load(saved.version()))
                .isInstanceOf(ModelBundles.IncompatibleModelException.class)
                .hasMessageContaining("another feature set");
        assertThat(Files.readString(dir.resolve(saved.version()).resolve(ModelBundles.CATALOGUE_FILE)))
                .contains("\"pattern\"");
    }

    @Test
    void aMissingVersionIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> TestSigning.bundles(dir).load("ae-missing"))
                .hasMessageContaining("ae-missing")
                .hasMessageContaining("not found");
    }

    @Test
    void aNetworkHoldingASerializedJavaObjectIsRefusedAndTheObjectNeverDeserialized(@TempDir Path dir)
            throws Exception {
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = bundles.save(trained.manifest(), trained.model());
        Path bundle = dir.resolve(saved.version());
        Path network = bundle.resolve(ModelBundles.NETWORK_FILE);
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
            out.writeObject(new Tripwire());
        }
        byte[] rewritten = withEntry(Files.readAllBytes(network), "preprocessor.bin", serialized.toByteArray());
        Files.write(network, rewritten);
        Path manifest = bundle.resolve(ModelManifest.FILE_NAME);
        Files.writeString(
                manifest, Files.readString(manifest).replace(saved.networkSha256(), ModelBundles.sha256(network)));
        ModelBundles.sign(bundle, TestSigning.PAIR.getPrivate());

        assertThatThrownBy(() -> bundles.load(saved.version()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("network.zip holds an entry 'preprocessor.bin' that a model network may not have")
                .hasMessageContaining("serialized Java objects such as a preprocessor or normalizer are never loaded");
        assertThat(Tripwire.deserialized)
                .as("the serialized object's readObject never ran")
                .isFalse();
    }

    @Test
    void anUnsignedBundleIsRefused(@TempDir Path dir) throws IOException {
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = bundles.save(trained.manifest(), trained.model());
        Files.delete(dir.resolve(saved.version()).resolve(BundleSignature.FILE_NAME));
        assertThatThrownBy(() -> bundles.load(saved.version()))
                .isInstanceOfSatisfying(
                        BundleSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleSignatureException.Reason.UNSIGNED))
                .hasMessageContaining("model " + saved.version() + " is not signed");
        assertThat(new ModelBundles(dir, new ModelTrust(java.util.List.of(), true))
                        .load(saved.version())
                        .scorer())
                .as("loads when unsigned models are explicitly allowed")
                .isNotNull();
    }

    @Test
    void aBundleSignedWithAnotherKeyIsRefused(@TempDir Path dir) throws IOException {
        ModelManifest saved = TestSigning.bundles(dir).save(trained.manifest(), trained.model());
        ModelBundles trustingAnother =
                new ModelBundles(dir, ModelTrust.of(SigningKeys.generate().getPublic()));
        assertThatThrownBy(() -> trustingAnother.load(saved.version()))
                .isInstanceOfSatisfying(
                        BundleSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleSignatureException.Reason.SIGNATURE_INVALID))
                .hasMessageContaining("none of the trusted keys verifies");
    }

    @Test
    void aFileChangedAfterSigningIsRefusedEvenWhereNoChecksumCoversIt(@TempDir Path dir) throws IOException {
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = bundles.save(trained.manifest(), trained.model());
        Path catalogue = dir.resolve(saved.version()).resolve(ModelBundles.CATALOGUE_FILE);
        Files.writeString(catalogue, Files.readString(catalogue).replace("merchant_risk", "merchant_riskx"));
        assertThatThrownBy(() -> bundles.load(saved.version()))
                .isInstanceOf(BundleSignatureException.class)
                .hasMessage("model " + saved.version() + " has files that changed after it was signed: "
                        + ModelBundles.CATALOGUE_FILE);
    }

    /** The same zip with one more entry. */
    private static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(in.readAllBytes());
                copy.closeEntry();
            }
            copy.putNextEntry(new ZipEntry(name));
            copy.write(content);
            copy.closeEntry();
        }
        return out.toByteArray();
    }

    /** Records whether Java deserialization ever ran on it. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized = true;
        }
    }
}
