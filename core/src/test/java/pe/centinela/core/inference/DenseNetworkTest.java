package pe.centinela.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DenseNetworkTest {

    @Test
    void computesWeightedSumsThenTheActivation() {
        DenseNetwork.Layer hidden = new DenseNetwork.Layer(
                2, 2, new float[] {1, -1, 2, 0.5f}, new float[] {0.5f, 0}, DenseNetwork.Activation.RELU);
        DenseNetwork.Layer output = new DenseNetwork.Layer(
                2, 2, new float[] {1, 0, 0, 1}, new float[] {0, 0}, DenseNetwork.Activation.SOFTMAX);
        DenseNetwork network = new DenseNetwork(List.of(hidden, output));
        double[] p = network.fraudProbability(new double[][] {{1, 1}});
        // hidden: relu(1*1 + 1*2 + 0.5, 1*-1 + 1*0.5 + 0) = (3.5, 0); softmax(3.5, 0)[1]
        assertThat(p[0]).isCloseTo(Math.exp(0) / (Math.exp(3.5) + Math.exp(0)), within(1e-6));
    }

    @Test
    void reconstructsWithTanhAndIdentity() {
        DenseNetwork network = new DenseNetwork(List.of(
                new DenseNetwork.Layer(1, 1, new float[] {2}, new float[] {0}, DenseNetwork.Activation.TANH),
                new DenseNetwork.Layer(1, 1, new float[] {3}, new float[] {1}, DenseNetwork.Activation.IDENTITY)));
        assertThat(network.reconstruct(new double[][] {{0.25}})[0][0]).isCloseTo(3 * Math.tanh(0.5) + 1, within(1e-6));
    }

    @Test
    void refusesLayersThatDoNotFit() {
        DenseNetwork.Layer a = new DenseNetwork.Layer(2, 3, new float[6], new float[3], DenseNetwork.Activation.RELU);
        DenseNetwork.Layer b =
                new DenseNetwork.Layer(2, 1, new float[2], new float[1], DenseNetwork.Activation.IDENTITY);
        assertThatThrownBy(() -> new DenseNetwork(List.of(a, b)))
                .hasMessageContaining("layer 1 takes 2 inputs but gets 3");
        assertThatThrownBy(() -> new DenseNetwork.Layer(2, 2, new float[3], new float[2], DenseNetwork.Activation.RELU))
                .hasMessageContaining("4 weights");
    }
}
