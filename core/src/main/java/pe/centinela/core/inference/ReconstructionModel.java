package pe.centinela.core.inference;

/** A network that reconstructs its input; implemented by the scoring module on top of DL4J. */
public interface ReconstructionModel {

    int inputSize();

    /** Reconstructs a batch of standardized rows in one call. */
    double[][] reconstruct(double[][] rows);
}
