package pe.centinela.core.config;

import java.nio.file.Path;

/**
 * TLS on the platform's HTTP server: a certificate chain and its private key, both PEM files. Off when neither is set;
 * one without the other is refused.
 */
public record HttpTls(Path certFile, Path keyFile) {

    public static final String CERT_KEY = "http.tls.cert-file";
    public static final String KEY_KEY = "http.tls.key-file";

    public static HttpTls from(Settings s) {
        Path cert = s.file(CERT_KEY);
        Path key = s.file(KEY_KEY);
        if (cert != null && key == null) {
            throw new ConfigException(KEY_KEY, "is required when " + CERT_KEY + " is set");
        }
        if (key != null && cert == null) {
            throw new ConfigException(CERT_KEY, "is required when " + KEY_KEY + " is set");
        }
        return new HttpTls(cert, key);
    }

    public static HttpTls off() {
        return new HttpTls(null, null);
    }

    public boolean enabled() {
        return certFile != null;
    }
}
