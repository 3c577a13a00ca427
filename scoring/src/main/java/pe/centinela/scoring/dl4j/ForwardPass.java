package pe.centinela.scoring.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import pe.centinela.core.inference.DenseNetwork;

/** Copies a DL4J network of dense layers into the plain-Java {@link DenseNetwork}; networks of other layers stay with DL4J. */
public final class ForwardPass {

    private ForwardPass() {}

    public static Optional<DenseNetwork> of(MultiLayerNetwork network) {
        List<DenseNetwork.Layer> layers = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (!(layer.conf().getLayer() instanceof DenseLayer)
                    && !(layer.conf().getLayer() instanceof OutputLayer)) {
                return Optional.empty();
            }
            BaseLayer conf = (BaseLayer) layer.conf().getLayer();
            Optional<DenseNetwork.Activation> activation = activation(conf.getActivationFn());
            if (activation.isEmpty() || conf.getIDropout() != null) {
                return Optional.empty();
            }
            INDArray w = layer.getParam("W").castTo(DataType.FLOAT);
            INDArray b = layer.getParam("b").castTo(DataType.FLOAT);
            int inputs = w.rows();
            int outputs = w.columns();
            float[] weights = new float[inputs * outputs];
            for (int i = 0; i < inputs; i++) {
                for (int j = 0; j < outputs; j++) {
                    weights[i * outputs + j] = w.getFloat(i, j);
                }
            }
            layers.add(new DenseNetwork.Layer(
                    inputs, outputs, weights, b.reshape(outputs).toFloatVector(), activation.get()));
        }
        return Optional.of(new DenseNetwork(layers));
    }

    private static Optional<DenseNetwork.Activation> activation(IActivation fn) {
        if (fn instanceof ActivationIdentity) {
            return Optional.of(DenseNetwork.Activation.IDENTITY);
        }
        if (fn instanceof ActivationTanH) {
            return Optional.of(DenseNetwork.Activation.TANH);
        }
        if (fn instanceof ActivationReLU) {
            return Optional.of(DenseNetwork.Activation.RELU);
        }
        if (fn instanceof ActivationSigmoid) {
            return Optional.of(DenseNetwork.Activation.SIGMOID);
        }
        if (fn instanceof ActivationSoftmax) {
            return Optional.of(DenseNetwork.Activation.SOFTMAX);
        }
        return Optional.empty();
    }
}
