package pe.centinela.scoring.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import pe.centinela.core.inference.ProbabilityModel;

/** A DL4J classifier with a two-class softmax output behind the core's {@link ProbabilityModel}: one native call per batch. */
public final class Dl4jClassifier implements ProbabilityModel {

    private final MultiLayerNetwork network;
    private final int inputSize;
    private final int steps;

    /** A classifier over single transactions. */
    public Dl4jClassifier(MultiLayerNetwork network) {
        this(network, 1);
    }

    /** A classifier over sequences of {@code steps} transactions, given as flattened rows. */
    public Dl4jClassifier(MultiLayerNetwork network, int steps) {
        this.network = network;
        this.steps = steps;
        this.inputSize = network.layerInputSize(0) * steps;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public synchronized double[] fraudProbability(double[][] scaledRows) {
        if (scaledRows.length == 0) {
            return new double[0];
        }
        INDArray output = network.output(input(scaledRows, steps), false);
        float[] flat = output.getColumn(1).dup().data().asFloat();
        double[] p = new double[flat.length];
        for (int i = 0; i < flat.length; i++) {
            p[i] = flat[i];
        }
        return p;
    }

    /** Rows as the network's input: a matrix, or for sequences [batch, features, steps] (features as channels). */
    public static INDArray input(double[][] rows, int steps) {
        INDArray matrix = Dl4jAutoencoder.toMatrix(rows);
        if (steps <= 1) {
            return matrix;
        }
        int features = matrix.columns() / steps;
        return matrix.reshape('c', rows.length, steps, features)
                .permute(0, 2, 1)
                .dup('c');
    }
}
