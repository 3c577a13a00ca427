package pe.centinela.scoring.training;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import pe.centinela.core.evaluation.Metrics;
import pe.centinela.scoring.dl4j.Dl4jClassifier;

/**
 * Trains a classifier (logistic regression or a dense network) on scaled rows with class weights or SMOTE, stopping
 * early when the validation window's average precision stops improving and keeping the best epoch's weights.
 */
public final class ClassifierTraining {

    /** Shape and schedule. {@code hidden = 0} gives logistic regression. */
    public record Hyperparameters(
            int hidden,
            double learningRate,
            int batchSize,
            int maxEpochs,
            int patience,
            long seed,
            int sequenceLength) {
        public static Hyperparameters logistic() {
            return new Hyperparameters(0, 5e-3, 1024, 20, 3, 17, 1);
        }

        public static Hyperparameters dense(int hidden, double learningRate) {
            return new Hyperparameters(hidden, learningRate, 1024, 20, 3, 17, 1);
        }

        /** Filters of the convolution over {@code steps} transactions. */
        public static Hyperparameters convolutional(int filters, double learningRate, int steps) {
            return new Hyperparameters(filters, learningRate, 1024, 20, 3, 17, steps);
        }
    }

    /** Told after every epoch. */
    public interface Listener {
        void epoch(
                int epoch, int maxEpochs, double loss, double validationAveragePrecision, boolean best, long etaNanos);
    }

    /** The best network and its validation average precision. */
    public record Fitted(MultiLayerNetwork network, double validationAveragePrecision, int epochs) {}

    private ClassifierTraining() {}

    public static Fitted fit(
            double[][] train,
            boolean[] trainFraud,
            double[][] validation,
            boolean[] validationFraud,
            Imbalance imbalance,
            Hyperparameters hp,
            Listener listener) {
        List<double[]> rows = new ArrayList<>(List.of(train));
        List<Boolean> labels = new ArrayList<>();
        List<double[]> frauds = new ArrayList<>();
        for (int i = 0; i < train.length; i++) {
            labels.add(trainFraud[i]);
            if (trainFraud[i]) {
                frauds.add(train[i]);
            }
        }
        long positives = frauds.size();
        long negatives = train.length - positives;
        if (positives == 0) {
            throw new IllegalArgumentException(
                    "the training window holds no fraud: supervised models need labelled fraud");
        }
        double fraudWeight = 1;
        if (imbalance == Imbalance.WEIGHTS) {
            fraudWeight = Math.min(100, Math.max(1, (double) negatives / positives));
        } else if (imbalance == Imbalance.SMOTE) {
            int wanted = (int) Math.max(0, negatives / 4 - positives);
            for (double[] synthetic : Smote.synthesize(frauds, wanted, 5, hp.seed())) {
                rows.add(synthetic);
                labels.add(true);
            }
        }
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(train[0].length, hp, fraudWeight));
        network.init();
        List<DataSet> batches = batches(rows, labels, hp);
        double best = -1;
        INDArray bestParams = null;
        int bestEpoch = 0;
        int epoch = 0;
        long started = System.nanoTime();
        while (epoch < hp.maxEpochs() && epoch - bestEpoch <= hp.patience()) {
            epoch++;
            java.util.Collections.shuffle(batches, new java.util.Random(hp.seed() + epoch));
            network.fit(new ExistingDataSetIterator(batches));
            double ap = Metrics.averagePrecision(
                    fraudProbability(network, validation, hp.sequenceLength()), validationFraud);
            boolean improved = ap > best;
            if (improved) {
                best = ap;
                bestParams = network.params().dup();
                bestEpoch = epoch;
            }
            long perEpoch = (System.nanoTime() - started) / epoch;
            listener.epoch(epoch, hp.maxEpochs(), network.score(), ap, improved, perEpoch * (hp.maxEpochs() - epoch));
        }
        network.setParams(bestParams);
        return new Fitted(network, best, epoch);
    }

    static double[] fraudProbability(MultiLayerNetwork network, double[][] rows, int steps) {
        double[] out = new double[rows.length];
        int chunk = 65_536;
        for (int from = 0; from < rows.length; from += chunk) {
            int to = Math.min(rows.length, from + chunk);
            INDArray probabilities =
                    network.output(Dl4jClassifier.input(java.util.Arrays.copyOfRange(rows, from, to), steps), false);
            float[] flat = probabilities.getColumn(1).dup().data().asFloat();
            for (int i = from; i < to; i++) {
                out[i] = flat[i - from];
            }
        }
        return out;
    }

    private static List<DataSet> batches(List<double[]> rows, List<Boolean> labels, Hyperparameters hp) {
        int n = rows.size();
        Integer[] order = new Integer[n];
        java.util.Arrays.setAll(order, i -> i);
        java.util.Collections.shuffle(java.util.Arrays.asList(order), new java.util.Random(hp.seed()));
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < n; from += hp.batchSize()) {
            int to = Math.min(n, from + hp.batchSize());
            double[][] x = new double[to - from][];
            float[] y = new float[(to - from) * 2];
            for (int i = from; i < to; i++) {
                x[i - from] = rows.get(order[i]);
                y[(i - from) * 2 + (labels.get(order[i]) ? 1 : 0)] = 1;
            }
            batches.add(new DataSet(
                    Dl4jClassifier.input(x, hp.sequenceLength()),
                    Nd4j.create(y, new long[] {to - from, 2}, DataType.FLOAT)));
        }
        return batches;
    }

    static INDArray matrix(double[][] rows) {
        return pe.centinela.scoring.dl4j.Dl4jAutoencoder.toMatrix(rows);
    }

    private static MultiLayerConfiguration configuration(int width, Hyperparameters hp, double fraudWeight) {
        LossMCXENT loss =
                new LossMCXENT(Nd4j.create(new double[] {1.0, fraudWeight}).castTo(DataType.FLOAT));
        var list = new NeuralNetConfiguration.Builder()
                .seed(hp.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hp.learningRate()))
                .l2(1e-5)
                .list();
        int in = width;
        if (hp.sequenceLength() > 1) {
            int features = width / hp.sequenceLength();
            list.layer(new Convolution1DLayer.Builder()
                    .kernelSize(3)
                    .stride(1)
                    .nIn(features)
                    .nOut(hp.hidden())
                    .convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.RELU)
                    .build());
            list.layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build());
            list.layer(new DenseLayer.Builder()
                    .nIn(hp.hidden())
                    .nOut(16)
                    .activation(Activation.RELU)
                    .build());
            list.layer(new OutputLayer.Builder(loss)
                    .nIn(16)
                    .nOut(2)
                    .activation(Activation.SOFTMAX)
                    .build());
            list.setInputType(InputType.recurrent(features, hp.sequenceLength()));
            return list.build();
        }
        if (hp.hidden() > 0) {
            list.layer(new DenseLayer.Builder()
                    .nIn(width)
                    .nOut(hp.hidden())
                    .activation(Activation.RELU)
                    .build());
            list.layer(new DenseLayer.Builder()
                    .nIn(hp.hidden())
                    .nOut(Math.max(4, hp.hidden() / 2))
                    .activation(Activation.RELU)
                    .build());
            in = Math.max(4, hp.hidden() / 2);
        }
        list.layer(new OutputLayer.Builder(loss)
                .nIn(in)
                .nOut(2)
                .activation(Activation.SOFTMAX)
                .build());
        return list.build();
    }
}
