package pe.centinela.core.numeric;

/**
 * {@code tanh} and {@code log1p} built on {@link Math#exp} and {@link Math#log}, which the JIT compiles to machine
 * instructions, where the JDK's own ({@code StrictMath}, a native call) cost more than the rest of a network's
 * forward pass. Within a few ulps of the JDK's results; {@code FastMathTest} bounds the difference.
 */
public final class FastMath {

    private static final double TANH_SATURATION = 20;

    private FastMath() {
    }

    public static double tanh(double x) {
        if (x > TANH_SATURATION) {
            return 1;
        }
        if (x < -TANH_SATURATION) {
            return -1;
        }
        if (Math.abs(x) < 0x1p-28) {
            return x;
        }
        double e = Math.exp(2 * x);
        return (e - 1) / (e + 1);
    }

    /** ln(1 + x), accurate for small x by Goldberg's correction of the rounding in 1 + x. */
    public static double log1p(double x) {
        double u = 1 + x;
        if (u == 1) {
            return x;
        }
        if (Double.isInfinite(u) || u <= 0) {
            return Math.log(u);
        }
        return Math.log(u) * x / (u - 1);
    }
}
