package pe.centinela.operator.planning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import pe.centinela.core.config.Settings;
import pe.centinela.core.inference.ModelChoice;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.operator.crd.FraudDetectorSpec;
import pe.centinela.operator.crd.KafkaSecuritySpec;
import pe.centinela.operator.crd.ModelSpec;
import pe.centinela.operator.crd.PostgresSpec;
import pe.centinela.operator.crd.RetrainSpec;
import pe.centinela.operator.crd.TopicsSpec;

/**
 * The platform's settings derived from a spec: static ones as {@code FRAUD_*} environment variables (a change rolls
 * the pods), and the runtime ones (thresholds, shadow, canary) as a properties file the scoring process re-reads.
 */
public final class PlatformSettings {

    public static final int HTTP_PORT = 8080;
    public static final String RUNTIME_DIR = "/etc/centinela/runtime";
    public static final String RUNTIME_FILE_NAME = "runtime.properties";
    public static final String MODEL_DIR = "/var/lib/centinela/models";
    public static final String MODEL_VERSION_ENV = Settings.envName("scoring.model-version");
    public static final String PASSWORD_ENV = Settings.envName("postgres.password");
    public static final String KAFKA_PASSWORD_ENV = Settings.envName("kafka.sasl.password");
    public static final String TRUSTSTORE_PASSWORD_ENV = Settings.envName("kafka.ssl.truststore-password");
    public static final String POSTGRES_CA_DIR = "/etc/centinela/postgres-ca";
    public static final String KAFKA_TRUSTSTORE_DIR = "/etc/centinela/kafka-truststore";
    public static final String RETRAIN_KEY_DIR = "/etc/centinela/retrain-key";

    private PlatformSettings() {}

    /** Every static setting as an environment variable, for the settings ConfigMap; never a password. */
    public static Map<String, String> environment(FraudDetectorSpec spec) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("kafka.bootstrap-servers", spec.getKafka().getBootstrapServers());
        TopicsSpec topics = spec.getKafka().getTopics();
        if (topics != null) {
            putIfSet(settings, "topics.raw", topics.getRaw());
            putIfSet(settings, "topics.transactions", topics.getTransactions());
            putIfSet(settings, "topics.dead-letters", topics.getDeadLetters());
            putIfSet(settings, "topics.scores", topics.getScores());
            putIfSet(settings, "topics.alerts", topics.getAlerts());
            putIfSet(settings, "topics.scoring-state", topics.getScoringState());
            putIfSet(settings, "topics.labels", topics.getLabels());
            putIfSet(settings, "topics.partitions", topics.getPartitions());
            putIfSet(settings, "topics.replication-factor", topics.getReplicationFactor());
        }
        kafkaSecurity(settings, spec.getKafka().getSecurity());
        PostgresSpec postgres = spec.getPostgres();
        settings.put("postgres.host", postgres.getHost());
        settings.put("postgres.port", Integer.toString(postgres.port()));
        settings.put("postgres.database", postgres.database());
        settings.put("postgres.user", postgres.user());
        settings.put("postgres.ssl-mode", postgres.sslMode());
        if (postgres.getSslRootCertSecret() != null) {
            settings.put(
                    "postgres.ssl-root-cert",
                    POSTGRES_CA_DIR + "/" + postgres.getSslRootCertSecret().getKey());
        }
        settings.put("http.port", Integer.toString(HTTP_PORT));
        settings.put("scoring.model-dir", MODEL_DIR);
        settings.put("runtime.file", RUNTIME_DIR + "/" + RUNTIME_FILE_NAME);
        settings.put("scoring.rules-file", RUNTIME_DIR + "/" + RuleDeclarations.FILE_NAME);
        ModelSpec model = spec.getModel();
        if (model.getTrustedKeys() != null && !model.getTrustedKeys().isEmpty()) {
            settings.put(ModelTrust.KEYS_KEY, String.join(",", model.getTrustedKeys()));
        }
        putIfSet(settings, ModelTrust.ALLOW_UNSIGNED_KEY, model.getAllowUnsigned());
        Map<String, String> env = new TreeMap<>();
        settings.forEach((key, value) -> env.put(Settings.envName(key), value));
        return env;
    }

    /**
     * The retraining loop's settings as environment variables, for the alerts pods only (the others neither run the
     * loop nor get its signing key); empty without {@code spec.retrain}.
     */
    public static Map<String, String> retrainEnvironment(FraudDetectorSpec spec) {
        RetrainSpec retrain = spec.getRetrain();
        Map<String, String> settings = new TreeMap<>();
        if (retrain == null) {
            return settings;
        }
        settings.put("retrain.every", retrain.getEvery());
        putIfSet(settings, "retrain.train-days", retrain.getTrainDays());
        putIfSet(
                settings,
                "retrain.families",
                retrain.getFamilies() == null ? null : String.join(",", retrain.getFamilies()));
        putIfSet(settings, "retrain.shadow-for", retrain.getShadowFor());
        putIfSet(settings, "retrain.shadow-limit", retrain.getShadowLimit());
        putIfSet(settings, "retrain.min-decided-alerts", retrain.getMinDecidedAlerts());
        putIfSet(settings, "retrain.validation-margin", retrain.getValidationMargin());
        putIfSet(settings, "retrain.shadow-margin", retrain.getShadowMargin());
        settings.put(
                "retrain.signing-key",
                RETRAIN_KEY_DIR + "/" + retrain.getSigningKeySecret().getKey());
        Map<String, String> env = new TreeMap<>();
        settings.forEach((key, value) -> env.put(Settings.envName(key), value));
        return env;
    }

    private static void kafkaSecurity(Map<String, String> settings, KafkaSecuritySpec security) {
        if (security == null) {
            return;
        }
        settings.put("kafka.security-protocol", security.protocol());
        putIfSet(settings, "kafka.sasl.mechanism", security.getSaslMechanism());
        putIfSet(settings, "kafka.sasl.user", security.getUser());
        if (security.getTruststoreSecret() != null) {
            settings.put(
                    "kafka.ssl.truststore-file",
                    KAFKA_TRUSTSTORE_DIR + "/" + security.getTruststoreSecret().getKey());
            putIfSet(settings, "kafka.ssl.truststore-type", security.getTruststoreType());
        }
    }

    /** The settings scoring re-reads without a restart; versions the registry refused are left out. */
    public static String runtimeProperties(ModelSpec model, Set<String> refusedVersions) {
        String shadow = accepted(model.getShadowVersion(), refusedVersions);
        String canary =
                model.getCanary() == null ? "" : accepted(model.getCanary().getVersion(), refusedVersions);
        String share = canary.isEmpty() ? "" : number(model.getCanary().getShare());
        return "# Written by the centinela operator; the scoring process re-reads it without a restart.\n"
                + ModelChoice.RUNTIME_ALERT_THRESHOLD + "=" + number(model.getAlertThreshold()) + "\n"
                + ModelChoice.RUNTIME_REVIEW_THRESHOLD + "=" + number(model.getReviewThreshold()) + "\n"
                + ModelChoice.RUNTIME_DECLINE_THRESHOLD + "=" + number(model.getDeclineThreshold()) + "\n"
                + ModelChoice.RUNTIME_SHADOW_VERSION + "=" + shadow + "\n"
                + ModelChoice.RUNTIME_CANARY_VERSION + "=" + canary + "\n"
                + ModelChoice.RUNTIME_CANARY_SHARE + "=" + share + "\n";
    }

    /** A short digest of the static settings, put on the pod template so that a change rolls the pods. */
    public static String hash(Map<String, String> environment) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(environment)
                .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String accepted(String version, Set<String> refused) {
        return version == null || refused.contains(version) ? "" : version;
    }

    private static String number(Double value) {
        return value == null ? "" : value.toString();
    }

    private static void putIfSet(Map<String, String> settings, String key, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            settings.put(key, value.toString());
        }
    }
}
