package pe.centinela.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.registry.ModelRegistry;
import pe.centinela.scoring.training.AutoencoderTrainer;
import pe.centinela.scoring.training.AutoencoderTraining;

/** A small autoencoder trained in seconds on generated history, published and promoted, for tests that need one to score. */
final class SmallModel {

    private SmallModel() {}

    /** Returns the promoted version. */
    static String trainAndPromote(PlatformConfig config, Path dir) throws Exception {
        TransactionGenerator history =
                new TransactionGenerator(GeneratorSettings.defaults(11, Instant.parse("2026-01-01T00:00:00Z"))
                        .withAccounts(300));
        var options = new AutoencoderTraining.Options(
                0.2, 0.99, new AutoencoderTrainer.Hyperparameters(16, 6, 2, 256, 1e-2, 1));
        var result = new AutoencoderTraining(options, Clock.systemUTC())
                .train(
                        new Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Transaction next() {
                                return history.next().transaction();
                            }
                        },
                        6_000,
                        new AutoencoderTraining.Progress() {
                            @Override
                            public void replayed(int rows) {}

                            @Override
                            public void epochDone(int epoch, int epochs, double trainLoss, double validationLoss) {}
                        });
        ModelBundles bundles =
                new ModelBundles(dir, config.scoring().modelTrust()).signingWith(TestKeys.PAIR.getPrivate());
        var saved = bundles.save(result.manifest(), result.model());
        ModelRegistry registry = new ModelRegistry(config.postgres());
        registry.publish(bundles.directory(saved.version()), "tests");
        registry.promote(saved.version(), "tests");
        return saved.version();
    }
}
