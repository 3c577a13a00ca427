package pe.centinela.core.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the platform's connections to PostgreSQL are encrypted, with libpq's meaning of each mode: {@code require}
 * encrypts without checking who answers (a passive listener learns nothing, an active one can pose as the server);
 * {@code verify-ca} also checks the server's certificate against {@code rootCertFile}; {@code verify-full} also checks
 * that the certificate names the host connected to.
 */
public record PostgresSsl(Mode mode, Path rootCertFile) {

    public static final String MODE_KEY = "postgres.ssl-mode";
    public static final String ROOT_CERT_KEY = "postgres.ssl-root-cert";

    public enum Mode {
        DISABLE,
        REQUIRE,
        VERIFY_CA,
        VERIFY_FULL;

        /** As written in settings, libpq and the JDBC driver: {@code verify-full}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public boolean verifiesCertificate() {
            return this == VERIFY_CA || this == VERIFY_FULL;
        }
    }

    public static PostgresSsl from(Settings s) {
        String text = s.choice(MODE_KEY, "disable", List.of("disable", "require", "verify-ca", "verify-full"));
        Mode mode = Mode.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        Path root = s.file(ROOT_CERT_KEY);
        if (mode.verifiesCertificate() && root == null) {
            throw new ConfigException(
                    ROOT_CERT_KEY,
                    "is required when " + MODE_KEY + " is " + text
                            + " (the PEM file of the certificate authority that signed the server's certificate)");
        }
        if (!mode.verifiesCertificate() && root != null) {
            throw new ConfigException(
                    ROOT_CERT_KEY,
                    "is only used with " + MODE_KEY + "=verify-ca or verify-full, but " + MODE_KEY + " is " + text
                            + ", which would not check the server's certificate");
        }
        return new PostgresSsl(mode, root);
    }

    public static PostgresSsl disabled() {
        return new PostgresSsl(Mode.DISABLE, null);
    }

    /** The JDBC URL parameters, {@code sslmode=verify-full&sslrootcert=/path}. */
    public String jdbcParameters() {
        String params = "sslmode=" + mode.text();
        return rootCertFile == null
                ? params
                : params + "&sslrootcert=" + URLEncoder.encode(rootCertFile.toString(), StandardCharsets.UTF_8);
    }
}
