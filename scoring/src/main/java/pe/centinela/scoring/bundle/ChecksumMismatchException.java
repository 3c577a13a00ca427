package pe.centinela.scoring.bundle;

import java.io.IOException;

/** A model's bytes do not match the sha256 recorded for them: in the registry, or in the bundle's manifest. */
public final class ChecksumMismatchException extends IOException {

    public ChecksumMismatchException(String message) {
        super(message);
    }
}
