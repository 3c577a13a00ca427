package pe.centinela.scoring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import pe.centinela.core.domain.Transaction;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.bundle.TestSigning;
import pe.centinela.scoring.registry.ModelRegistry;
import pe.centinela.scoring.training.AutoencoderTrainer;
import pe.centinela.scoring.training.AutoencoderTraining;

/** Small autoencoders trained on generated traffic and published to a registry, for tests that swap models. */
final class TrainedModels {

    private TrainedModels() {}

    /** Trains a model stamped {@code trainedAt} (which names its version), saves it under {@code dir} and publishes it; returns its version. */
    static String publish(ModelRegistry registry, Path dir, Instant trainedAt) throws Exception {
        return publish(registry, dir, trainedAt, 100, 2_000);
    }

    /** The same, on {@code rows} transactions of {@code accounts} accounts. */
    static String publish(ModelRegistry registry, Path dir, Instant trainedAt, int accounts, int rows)
            throws Exception {
        TransactionGenerator g =
                new TransactionGenerator(GeneratorSettings.defaults(8, Instant.parse("2026-01-01T00:00:00Z"))
                        .withAccounts(accounts));
        var result = new AutoencoderTraining(
                        new AutoencoderTraining.Options(
                                0.25, 0.99, new AutoencoderTrainer.Hyperparameters(12, 6, 2, 256, 1e-2, 1)),
                        Clock.fixed(trainedAt, ZoneOffset.UTC))
                .train(
                        new Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Transaction next() {
                                return g.next().transaction();
                            }
                        },
                        rows,
                        new AutoencoderTraining.Progress() {
                            @Override
                            public void replayed(int rows) {}

                            @Override
                            public void epochDone(int epoch, int epochs, double trainLoss, double validationLoss) {}
                        });
        ModelBundles bundles = bundles(dir);
        var saved = bundles.save(result.manifest(), result.model());
        registry.publish(bundles.directory(saved.version()), "it");
        return saved.version();
    }

    /** Where {@link #publish} saves the bundles it trains. */
    static ModelBundles bundles(Path dir) {
        return TestSigning.bundles(dir.resolve("trained"));
    }
}
