package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** How the platform reaches the brokers; the SCRAM and truststore passwords come from Secrets, never a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSecuritySpec {

    @Pattern("^(PLAINTEXT|SSL|SASL_SSL)$")
    @Default("PLAINTEXT")
    @JsonPropertyDescription("kafka.security-protocol: PLAINTEXT, SSL (TLS) or SASL_SSL (TLS and a SCRAM login).")
    private String protocol;

    @Pattern("^(SCRAM-SHA-512|SCRAM-SHA-256)$")
    @Default("SCRAM-SHA-512")
    @JsonPropertyDescription("kafka.sasl.mechanism, with SASL_SSL.")
    private String saslMechanism;

    @JsonPropertyDescription("kafka.sasl.user: the SCRAM user, required with SASL_SSL.")
    private String user;

    @JsonPropertyDescription(
            "The key of a Secret holding the SCRAM user's password (kafka.sasl.password), required with SASL_SSL.")
    private SecretKeyReference passwordSecret;

    @JsonPropertyDescription(
            "The key of a Secret holding the truststore with the brokers' certificate authority (kafka.ssl.truststore-file); "
                    + "left out: the JVM's default authorities.")
    private SecretKeyReference truststoreSecret;

    @Pattern("^(PKCS12|JKS|PEM)$")
    @Default("PKCS12")
    @JsonPropertyDescription("kafka.ssl.truststore-type: PKCS12, JKS or PEM.")
    private String truststoreType;

    @JsonPropertyDescription(
            "The key of a Secret holding the truststore's password (kafka.ssl.truststore-password), if it has one.")
    private SecretKeyReference truststorePasswordSecret;

    public String protocol() {
        return protocol == null ? "PLAINTEXT" : protocol;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getSaslMechanism() {
        return saslMechanism;
    }

    public void setSaslMechanism(String saslMechanism) {
        this.saslMechanism = saslMechanism;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public SecretKeyReference getPasswordSecret() {
        return passwordSecret;
    }

    public void setPasswordSecret(SecretKeyReference passwordSecret) {
        this.passwordSecret = passwordSecret;
    }

    public SecretKeyReference getTruststoreSecret() {
        return truststoreSecret;
    }

    public void setTruststoreSecret(SecretKeyReference truststoreSecret) {
        this.truststoreSecret = truststoreSecret;
    }

    public String getTruststoreType() {
        return truststoreType;
    }

    public void setTruststoreType(String truststoreType) {
        this.truststoreType = truststoreType;
    }

    public SecretKeyReference getTruststorePasswordSecret() {
        return truststorePasswordSecret;
    }

    public void setTruststorePasswordSecret(SecretKeyReference truststorePasswordSecret) {
        this.truststorePasswordSecret = truststorePasswordSecret;
    }
}
