package pe.centinela.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the platform's Kafka clients reach the brokers: in the clear ({@code PLAINTEXT}), over TLS ({@code SSL}), or over
 * TLS with a SCRAM login ({@code SASL_SSL}). The truststore holds the certificate authority of the brokers'
 * certificates; without one, the JVM's default authorities are trusted.
 */
public record KafkaSecurity(
        Protocol protocol,
        String saslMechanism,
        String user,
        Secret password,
        Path truststoreFile,
        String truststoreType,
        Secret truststorePassword) {

    public static final String PROTOCOL_KEY = "kafka.security-protocol";
    public static final String MECHANISM_KEY = "kafka.sasl.mechanism";
    public static final String USER_KEY = "kafka.sasl.user";
    public static final String PASSWORD_KEY = "kafka.sasl.password";
    public static final String TRUSTSTORE_KEY = "kafka.ssl.truststore-file";
    public static final String TRUSTSTORE_TYPE_KEY = "kafka.ssl.truststore-type";
    public static final String TRUSTSTORE_PASSWORD_KEY = "kafka.ssl.truststore-password";

    public enum Protocol {
        PLAINTEXT,
        SSL,
        SASL_SSL;

        public boolean encrypted() {
            return this != PLAINTEXT;
        }
    }

    public static KafkaSecurity from(Settings s) {
        Protocol protocol =
                Protocol.valueOf(s.choice(PROTOCOL_KEY, "plaintext", List.of("plaintext", "ssl", "sasl_ssl"))
                        .toUpperCase(Locale.ROOT));
        String mechanism = s.choice(MECHANISM_KEY, "scram-sha-512", List.of("scram-sha-512", "scram-sha-256"))
                .toUpperCase(Locale.ROOT);
        String user = s.string(USER_KEY, "");
        Secret password = s.secret(PASSWORD_KEY, "");
        Path truststore = s.file(TRUSTSTORE_KEY);
        String truststoreType = s.choice(TRUSTSTORE_TYPE_KEY, "pkcs12", List.of("pkcs12", "jks", "pem"))
                .toUpperCase(Locale.ROOT);
        Secret truststorePassword = s.secret(TRUSTSTORE_PASSWORD_KEY, "");
        if (protocol == Protocol.SASL_SSL && user.isEmpty()) {
            throw new ConfigException(USER_KEY, "is required when " + PROTOCOL_KEY + " is SASL_SSL");
        }
        if (!user.isEmpty() && password.value().isEmpty()) {
            throw new ConfigException(PASSWORD_KEY, "is required when " + USER_KEY + " is set");
        }
        if (protocol != Protocol.SASL_SSL
                && (!user.isEmpty() || !password.value().isEmpty())) {
            throw new ConfigException(
                    PROTOCOL_KEY,
                    "must be SASL_SSL when " + USER_KEY + " or " + PASSWORD_KEY
                            + " is set (a password is never sent unencrypted) but is " + protocol);
        }
        if (!protocol.encrypted() && truststore != null) {
            throw new ConfigException(
                    TRUSTSTORE_KEY, "is only used when " + PROTOCOL_KEY + " is SSL or SASL_SSL but it is PLAINTEXT");
        }
        return new KafkaSecurity(protocol, mechanism, user, password, truststore, truststoreType, truststorePassword);
    }

    public static KafkaSecurity plaintext() {
        return new KafkaSecurity(
                Protocol.PLAINTEXT, "SCRAM-SHA-512", "", new Secret(""), null, "PKCS12", new Secret(""));
    }
}
