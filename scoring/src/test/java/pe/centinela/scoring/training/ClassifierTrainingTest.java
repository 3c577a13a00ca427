package pe.centinela.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import pe.centinela.core.evaluation.Metrics;
import pe.centinela.scoring.dl4j.Dl4jAutoencoder;

class ClassifierTrainingTest {

    private static final double[] WEIGHTS = {1.5, -1.0, 0.8, 0.0, 2.0, -0.5, 0.3, 1.2};

    private record Sample(double[][] rows, boolean[] fraud, double[] trueLogit) {}

    /** Rows whose fraud odds are a known linear function: the best possible ranking is the true logit's. */
    private static Sample linear(int n, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][WEIGHTS.length];
        boolean[] fraud = new boolean[n];
        double[] logit = new double[n];
        for (int i = 0; i < n; i++) {
            logit[i] = -5;
            for (int j = 0; j < WEIGHTS.length; j++) {
                rows[i][j] = random.nextGaussian();
                logit[i] += WEIGHTS[j] * rows[i][j];
            }
            fraud[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit[i]));
        }
        return new Sample(rows, fraud, logit);
    }

    @Test
    void anEpochMakesOneUpdatePerMiniBatch() {
        Sample train = linear(2_000, 1);
        Sample validation = linear(500, 2);
        ClassifierTraining.Hyperparameters oneEpoch = new ClassifierTraining.Hyperparameters(0, 5e-3, 512, 1, 3, 17, 1);
        ClassifierTraining.Fitted fitted = ClassifierTraining.fit(
                train.rows(),
                train.fraud(),
                validation.rows(),
                validation.fraud(),
                Imbalance.NONE,
                oneEpoch,
                (epoch, max, loss, ap, best, eta) -> {});
        assertThat(fitted.network().getIterationCount()).isEqualTo(4);
    }

    @Test
    void logisticRegressionRanksAsWellAsTheTrueOdds() {
        Sample train = linear(40_000, 3);
        Sample validation = linear(20_000, 4);
        ClassifierTraining.Fitted fitted = ClassifierTraining.fit(
                train.rows(),
                train.fraud(),
                validation.rows(),
                validation.fraud(),
                Imbalance.WEIGHTS,
                ClassifierTraining.Hyperparameters.logistic(),
                (epoch, max, loss, ap, best, eta) -> {});
        double best = Metrics.averagePrecision(validation.trueLogit(), validation.fraud());
        assertThat(fitted.validationAveragePrecision()).isGreaterThan(best - 0.02);
    }

    @Test
    void theAutoencoderAlsoMakesOneUpdatePerMiniBatch() {
        Sample train = linear(1_000, 5);
        AutoencoderTrainer.Hyperparameters oneEpoch = new AutoencoderTrainer.Hyperparameters(6, 3, 1, 256, 1e-2, 42);
        Dl4jAutoencoder autoencoder = new AutoencoderTrainer(oneEpoch)
                .train(train.rows(), new double[0][], (epoch, epochs, loss, validationLoss) -> {});
        assertThat(autoencoder.network().getIterationCount()).isEqualTo(4);
    }
}
