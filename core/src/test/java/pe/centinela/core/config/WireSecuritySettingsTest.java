package pe.centinela.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS, PostgreSQL SSL, Kafka SASL_SSL and webhook URL settings: each bad combination is refused naming its key. */
class WireSecuritySettingsTest {

    @TempDir
    Path dir;

    private PlatformConfig config(String... keyValues) {
        Map<String, String> values = new HashMap<>(Map.of("kafka.bootstrap-servers", "k:9093"));
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return PlatformConfig.from(Settings.of(values));
    }

    private String file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "-----BEGIN CERTIFICATE-----\n")
                .toString();
    }

    @Test
    void everythingIsInTheClearUnlessConfigured() {
        PlatformConfig c = config();
        assertThat(c.http().tls().enabled()).isFalse();
        assertThat(c.http().host()).isEqualTo("0.0.0.0");
        assertThat(c.postgres().ssl().mode()).isEqualTo(PostgresSsl.Mode.DISABLE);
        assertThat(c.postgres().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/fraud?sslmode=disable");
        assertThat(c.kafka().security().protocol()).isEqualTo(KafkaSecurity.Protocol.PLAINTEXT);
    }

    @Test
    void httpTlsNeedsBothItsCertificateAndItsKey() throws IOException {
        String cert = file("server.crt");
        String key = file("server.key");
        assertThat(config("http.tls.cert-file", cert, "http.tls.key-file", key)
                        .http()
                        .tls())
                .isEqualTo(new HttpTls(Path.of(cert), Path.of(key)));
        assertThatThrownBy(() -> config("http.tls.cert-file", cert))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.tls.key-file")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> config("http.tls.key-file", key)).hasMessageContaining("http.tls.cert-file");
        assertThatThrownBy(() ->
                        config("http.tls.cert-file", dir.resolve("missing.crt").toString(), "http.tls.key-file", key))
                .hasMessageContaining("http.tls.cert-file")
                .hasMessageContaining("no such file");
    }

    @Test
    void postgresVerificationNeedsARootCertificateAndGoesIntoTheJdbcUrl() throws IOException {
        String root = file("root ca.crt");
        PlatformConfig.Postgres pg = config("postgres.ssl-mode", "verify-full", "postgres.ssl-root-cert", root)
                .postgres();
        assertThat(pg.ssl()).isEqualTo(new PostgresSsl(PostgresSsl.Mode.VERIFY_FULL, Path.of(root)));
        assertThat(pg.jdbcUrl())
                .endsWith("?sslmode=verify-full&sslrootcert="
                        + root.replace("/", "%2F").replace(" ", "+"));
        assertThat(config("postgres.ssl-mode", "require").postgres().jdbcUrl()).endsWith("?sslmode=require");
        assertThatThrownBy(() -> config("postgres.ssl-mode", "verify-full"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("postgres.ssl-root-cert")
                .hasMessageContaining("verify-full");
        assertThatThrownBy(() -> config("postgres.ssl-mode", "verify-ca"))
                .hasMessageContaining("postgres.ssl-root-cert");
        assertThatThrownBy(() -> config("postgres.ssl-mode", "require", "postgres.ssl-root-cert", root))
                .hasMessageContaining("postgres.ssl-root-cert")
                .hasMessageContaining("verify-ca");
        assertThatThrownBy(() -> config("postgres.ssl-mode", "prefer"))
                .hasMessageContaining("postgres.ssl-mode")
                .hasMessageContaining("'prefer'");
    }

    @Test
    void kafkaScramNeedsAUserAPasswordAndSaslSsl() throws IOException {
        String truststore = file("truststore.p12");
        KafkaSecurity k = config(
                        "kafka.security-protocol",
                        "SASL_SSL",
                        "kafka.sasl.user",
                        "centinela",
                        "kafka.sasl.password",
                        "scram-pw-1",
                        "kafka.ssl.truststore-file",
                        truststore,
                        "kafka.ssl.truststore-password",
                        "store-pw-1")
                .kafka()
                .security();
        assertThat(k.protocol()).isEqualTo(KafkaSecurity.Protocol.SASL_SSL);
        assertThat(k.saslMechanism()).isEqualTo("SCRAM-SHA-512");
        assertThat(k.truststoreType()).isEqualTo("PKCS12");
        assertThat(k.toString()).doesNotContain("scram-pw-1").doesNotContain("store-pw-1");
        assertThatThrownBy(() -> config("kafka.security-protocol", "SASL_SSL"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.sasl.user")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> config("kafka.security-protocol", "SASL_SSL", "kafka.sasl.user", "centinela"))
                .hasMessageContaining("kafka.sasl.password")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> config("kafka.sasl.user", "centinela", "kafka.sasl.password", "pw"))
                .hasMessageContaining("kafka.security-protocol")
                .hasMessageContaining("SASL_SSL");
        assertThatThrownBy(() -> config("kafka.ssl.truststore-file", truststore))
                .hasMessageContaining("kafka.ssl.truststore-file");
        assertThatThrownBy(() -> config("kafka.security-protocol", "SASL_PLAINTEXT"))
                .hasMessageContaining("kafka.security-protocol");
        assertThatThrownBy(() -> config("kafka.security-protocol", "SSL", "kafka.ssl.truststore-type", "p7b"))
                .hasMessageContaining("kafka.ssl.truststore-type");
    }

    @Test
    void webhookUrlsMustBeHttpsUnlessPlainHttpIsAllowed() {
        assertThatThrownBy(() -> config("webhooks.url", "http://hooks.example.pe/c", "webhooks.secret", "s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("webhooks.url")
                .hasMessageContaining("https")
                .hasMessageContaining("webhooks.allow-insecure-urls");
        assertThat(config(
                                "webhooks.url",
                                "http://127.0.0.1:9/c",
                                "webhooks.secret",
                                "s",
                                "webhooks.allow-insecure-urls",
                                "true")
                        .webhooks()
                        .enabled())
                .isTrue();
        assertThat(config("webhooks.url", "HTTPS://hooks.example.pe/c", "webhooks.secret", "s")
                        .webhooks()
                        .enabled())
                .isTrue();
    }
}
