package pe.centinela.operator;

import java.util.Set;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.operator.planning.RegistryCheck;

/** The platform's model registry (the PostgreSQL table {@code models}), as far as the operator needs it. */
public interface RegistryVerifier {

    /**
     * Where the registry lives; the password and the certificate authority's PEM text (empty unless {@code sslMode} is
     * verify-ca or verify-full) come from the FraudDetector's Secrets.
     */
    record Connection(
            String host, int port, String database, String user, String password, String sslMode, String rootCertPem) {
        @Override
        public String toString() {
            return user + "@" + host + ":" + port + "/" + database;
        }
    }

    /** The registry could not be asked. */
    class UnavailableException extends Exception {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Which of {@code versions} the registry does not hold, which it holds with a bundle that fails its sha256, and
     * which with a bundle that {@code trust} does not verify.
     */
    RegistryCheck check(Connection connection, Set<String> versions, ModelTrust trust) throws UnavailableException;
}
