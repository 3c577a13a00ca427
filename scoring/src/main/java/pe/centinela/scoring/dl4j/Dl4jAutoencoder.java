package pe.centinela.scoring.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import pe.centinela.core.inference.ReconstructionModel;

/** A DL4J autoencoder behind the core's {@link ReconstructionModel}: one native call per batch. */
public final class Dl4jAutoencoder implements ReconstructionModel {

    private final MultiLayerNetwork network;
    private final int inputSize;

    public Dl4jAutoencoder(MultiLayerNetwork network) {
        this.network = network;
        this.inputSize = network.layerInputSize(0);
    }

    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public synchronized double[][] reconstruct(double[][] rows) {
        INDArray output = network.output(toMatrix(rows), false);
        float[] flat = output.data().asFloat();
        double[][] result = new double[rows.length][inputSize];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < inputSize; j++) {
                result[i][j] = flat[i * inputSize + j];
            }
        }
        return result;
    }

    /** Rows as a float matrix, the networks' input. */
    public static INDArray toMatrix(double[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = (float) rows[i][j];
            }
        }
        return Nd4j.create(flat, new long[] {rows.length, width}, DataType.FLOAT);
    }
}
