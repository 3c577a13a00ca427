package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The PostgreSQL connection; the password comes from a Secret and never lands in a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresSpec {

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Host name of the PostgreSQL server.")
    private String host;

    @Min(1)
    @Max(65535)
    @Default("5432")
    @JsonPropertyDescription("Port of the PostgreSQL server.")
    private Integer port;

    @Default("fraud")
    @JsonPropertyDescription("Database name.")
    private String database;

    @Default("fraud")
    @JsonPropertyDescription("User name.")
    private String user;

    @Required
    @JsonPropertyDescription("The key of a Secret in the FraudDetector's namespace that holds the user's password.")
    private SecretKeyReference passwordSecret;

    @Pattern("^(disable|require|verify-ca|verify-full)$")
    @Default("disable")
    @JsonPropertyDescription(
            "Encryption of the connections (postgres.ssl-mode): disable; require (encrypted, server not checked); "
                    + "verify-ca (server certificate signed by sslRootCertSecret); verify-full (also names the host).")
    private String sslMode;

    @JsonPropertyDescription(
            "The key of a Secret holding the PEM certificate of the authority that signed the server's certificate "
                    + "(postgres.ssl-root-cert); required with verify-ca and verify-full.")
    private SecretKeyReference sslRootCertSecret;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int port() {
        return port == null ? 5432 : port;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String database() {
        return database == null ? "fraud" : database;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String user() {
        return user == null ? "fraud" : user;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String sslMode() {
        return sslMode == null ? "disable" : sslMode;
    }

    public String getSslMode() {
        return sslMode;
    }

    public void setSslMode(String sslMode) {
        this.sslMode = sslMode;
    }

    public SecretKeyReference getSslRootCertSecret() {
        return sslRootCertSecret;
    }

    public void setSslRootCertSecret(SecretKeyReference sslRootCertSecret) {
        this.sslRootCertSecret = sslRootCertSecret;
    }

    public SecretKeyReference getPasswordSecret() {
        return passwordSecret;
    }

    public void setPasswordSecret(SecretKeyReference passwordSecret) {
        this.passwordSecret = passwordSecret;
    }
}
