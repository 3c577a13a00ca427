package pe.centinela.scoring.training;

import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import pe.centinela.scoring.dl4j.Dl4jAutoencoder;

/** Trains an autoencoder on standardized rows of legitimate transactions. */
public final class AutoencoderTrainer {

    /** Shape and schedule of the network. */
    public record Hyperparameters(
            int hidden, int bottleneck, int epochs, int batchSize, double learningRate, long seed) {
        public static Hyperparameters defaults() {
            return new Hyperparameters(20, 8, 8, 1024, 1e-2, 42);
        }
    }

    /** Told after every epoch. */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(int epoch, int epochs, double trainLoss, double validationLoss);
    }

    private final Hyperparameters hp;

    public AutoencoderTrainer(Hyperparameters hp) {
        this.hp = hp;
    }

    public Dl4jAutoencoder train(double[][] trainRows, double[][] validationRows, EpochListener listener) {
        int width = trainRows[0].length;
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(width));
        network.init();
        INDArray train = Dl4jAutoencoder.toMatrix(trainRows);
        DataSet trainSet = new DataSet(train, train);
        INDArray validation = Dl4jAutoencoder.toMatrix(validationRows);
        DataSet validationSet = new DataSet(validation, validation);
        List<DataSet> batches = trainSet.batchBy(hp.batchSize());
        for (int epoch = 1; epoch <= hp.epochs(); epoch++) {
            java.util.Collections.shuffle(batches, new java.util.Random(hp.seed() + epoch));
            network.fit(new ExistingDataSetIterator(batches));
            double trainLoss = network.score(trainSet);
            double validationLoss = validationRows.length == 0 ? Double.NaN : network.score(validationSet);
            listener.epochDone(epoch, hp.epochs(), trainLoss, validationLoss);
        }
        return new Dl4jAutoencoder(network);
    }

    private MultiLayerConfiguration configuration(int width) {
        return new NeuralNetConfiguration.Builder()
                .seed(hp.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hp.learningRate()))
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(width)
                        .nOut(hp.hidden())
                        .activation(Activation.TANH)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nIn(hp.hidden())
                        .nOut(hp.bottleneck())
                        .activation(Activation.TANH)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nIn(hp.bottleneck())
                        .nOut(hp.hidden())
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(hp.hidden())
                        .nOut(width)
                        .activation(Activation.IDENTITY)
                        .build())
                .build();
    }
}
