package pe.centinela.scoring;

import java.io.IOException;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.signing.BundleSignatureException;
import pe.centinela.scoring.bundle.ChecksumMismatchException;
import pe.centinela.scoring.bundle.ModelBundles;

/** A model version chosen to score with that could not be fetched or loaded, so the models in force stay. */
final class RefusedModelException extends IOException {

    private final PipelineStats.RefusedModel refused;

    RefusedModelException(String version, IOException cause) {
        super(cause.getMessage(), cause);
        this.refused = new PipelineStats.RefusedModel(version, reason(cause));
    }

    PipelineStats.RefusedModel refused() {
        return refused;
    }

    private static String reason(IOException cause) {
        if (cause instanceof BundleSignatureException signature) {
            return signature.reason().label();
        }
        if (cause instanceof ChecksumMismatchException) {
            return "checksum_mismatch";
        }
        return cause instanceof ModelBundles.IncompatibleModelException ? "incompatible" : "unreadable";
    }
}
