package pe.centinela.core.signing;

import java.io.IOException;

/** A model bundle is refused: it has no signature, or one that does not verify with a trusted key. */
public final class BundleSignatureException extends IOException {

    /** Why, as the metric label {@code centinela_model_refused{reason}} shows it. */
    public enum Reason {
        UNSIGNED("unsigned"),
        SIGNATURE_INVALID("signature_invalid");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Reason reason;

    public BundleSignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
