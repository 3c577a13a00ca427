package pe.centinela.core.inference;

/** A classifier giving the probability of fraud for scaled rows; implemented by the scoring module on top of DL4J. */
public interface ProbabilityModel {

    int inputSize();

    double[] fraudProbability(double[][] scaledRows);
}
