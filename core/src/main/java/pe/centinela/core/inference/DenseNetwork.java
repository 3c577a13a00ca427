package pe.centinela.core.inference;

import java.util.List;
import pe.centinela.core.numeric.TanhAndLog1p;

/**
 * A plain-Java forward pass of a stack of dense layers, in float32 like the DL4J networks it is copied from. For
 * the small networks here it is cheaper than a native call; {@code ModelTrainingTest} checks it gives DL4J's
 * scores on real bundles.
 */
public final class DenseNetwork implements ReconstructionModel, ProbabilityModel {

    /** What a layer applies to its weighted sums. */
    public enum Activation {
        IDENTITY,
        TANH,
        RELU,
        SIGMOID,
        SOFTMAX
    }

    /**
     * One layer: {@code out = activation(in · weights + bias)}.
     *
     * @param weights row-major {@code [inputs][outputs]}
     */
    public record Layer(int inputs, int outputs, float[] weights, float[] bias, Activation activation) {
        public Layer {
            if (weights.length != inputs * outputs || bias.length != outputs) {
                throw new IllegalArgumentException("a " + inputs + "×" + outputs + " layer needs " + inputs * outputs
                        + " weights and " + outputs + " biases");
            }
        }
    }

    private final List<Layer> layers;
    private final int widest;

    public DenseNetwork(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException(
                        "layer " + i + " takes " + layers.get(i).inputs() + " inputs but gets "
                                + layers.get(i - 1).outputs());
            }
        }
        this.layers = List.copyOf(layers);
        this.widest = layers.stream()
                .mapToInt(l -> Math.max(l.inputs(), l.outputs()))
                .max()
                .orElseThrow();
    }

    @Override
    public int inputSize() {
        return layers.get(0).inputs();
    }

    public int outputSize() {
        return layers.get(layers.size() - 1).outputs();
    }

    @Override
    public double[][] reconstruct(double[][] rows) {
        double[][] out = new double[rows.length][];
        float[] a = new float[widest];
        float[] b = new float[widest];
        for (int r = 0; r < rows.length; r++) {
            float[] result = forward(rows[r], a, b);
            double[] row = new double[outputSize()];
            for (int j = 0; j < row.length; j++) {
                row[j] = result[j];
            }
            out[r] = row;
        }
        return out;
    }

    /** The second output of a two-class softmax: the probability of fraud. */
    @Override
    public double[] fraudProbability(double[][] rows) {
        double[] p = new double[rows.length];
        float[] a = new float[widest];
        float[] b = new float[widest];
        for (int r = 0; r < rows.length; r++) {
            p[r] = forward(rows[r], a, b)[1];
        }
        return p;
    }

    private float[] forward(double[] row, float[] a, float[] b) {
        for (int i = 0; i < row.length; i++) {
            a[i] = (float) row[i];
        }
        float[] in = a;
        float[] out = b;
        for (Layer layer : layers) {
            apply(layer, in, out);
            float[] swap = in;
            in = out;
            out = swap;
        }
        return in;
    }

    /**
     * Four inputs per pass over the outputs: at these widths (8 to 32 outputs) the loop is too short for C2 to vectorize,
     * and reading and writing {@code out} once per four inputs instead of once per input made both networks 1.5× faster.
     */
    private static void apply(Layer layer, float[] in, float[] out) {
        int n = layer.outputs();
        int inputs = layer.inputs();
        float[] w = layer.weights();
        System.arraycopy(layer.bias(), 0, out, 0, n);
        int i = 0;
        for (; i + 3 < inputs; i += 4) {
            float x0 = in[i];
            float x1 = in[i + 1];
            float x2 = in[i + 2];
            float x3 = in[i + 3];
            int o0 = i * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            for (int j = 0; j < n; j++) {
                out[j] += x0 * w[o0 + j] + x1 * w[o1 + j] + x2 * w[o2 + j] + x3 * w[o3 + j];
            }
        }
        for (; i < inputs; i++) {
            float x = in[i];
            int offset = i * n;
            for (int j = 0; j < n; j++) {
                out[j] += x * w[offset + j];
            }
        }
        activate(layer.activation(), out, n);
    }

    private static void activate(Activation activation, float[] v, int n) {
        switch (activation) {
            case IDENTITY -> {}
            case TANH -> {
                for (int j = 0; j < n; j++) {
                    v[j] = TanhAndLog1p.tanh(v[j]);
                }
            }
            case RELU -> {
                for (int j = 0; j < n; j++) {
                    v[j] = Math.max(0f, v[j]);
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    v[j] = (float) (1 / (1 + Math.exp(-v[j])));
                }
            }
            case SOFTMAX -> {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, v[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    v[j] = (float) Math.exp(v[j] - max);
                    sum += v[j];
                }
                for (int j = 0; j < n; j++) {
                    v[j] = (float) (v[j] / sum);
                }
            }
        }
    }
}
