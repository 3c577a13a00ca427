package pe.centinela.core.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pe.centinela.core.signing.ModelTrust;

/**
 * Everything a platform process needs, parsed and validated at start-up from {@link Settings}.
 */
public record PlatformConfig(
        Kafka kafka,
        Topics topics,
        Postgres postgres,
        Http http,
        Auth auth,
        Scoring scoring,
        Ingest ingest,
        DatabaseSource databaseSource,
        Alerts alerts,
        Compliance compliance,
        Webhooks webhooks,
        Retrain retrain,
        Retention retention,
        Cases cases) {

    /**
     * Kafka connection. {@code requestTimeout} is how long a client waits for the broker to answer (a commit is given up
     * after twice that). {@code deliveryTimeout} is how long a producer keeps retrying a send before it gives up: until
     * then its retries are idempotent, so a broker that comes back within it gets each record once; a send given up is
     * in doubt (the broker may have written it) and publishing it again may repeat it. {@code sessionTimeout} is how long
     * a consumer may go unheard before its partitions move to another replica: how long a crashed one holds up its
     * accounts.
     */
    public record Kafka(
            String bootstrapServers,
            String groupPrefix,
            Duration requestTimeout,
            Duration deliveryTimeout,
            Duration linger,
            Duration sessionTimeout,
            KafkaSecurity security) {

        public static Kafka from(Settings s) {
            return new Kafka(
                    s.string("kafka.bootstrap-servers"),
                    s.string("kafka.group-prefix", "centinela"),
                    s.duration(
                            "kafka.request-timeout",
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(1),
                            Duration.ofMinutes(10)),
                    s.duration(
                            Kafka.DELIVERY_TIMEOUT_KEY,
                            Duration.ofMinutes(5),
                            Duration.ofSeconds(1),
                            Duration.ofDays(1)),
                    s.duration("kafka.linger", Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
                    s.duration(
                            "kafka.session-timeout",
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(6),
                            Duration.ofMinutes(5)),
                    KafkaSecurity.from(s));
        }

        public static final String DELIVERY_TIMEOUT_KEY = "kafka.delivery-timeout";

        public Kafka {
            if (deliveryTimeout.compareTo(requestTimeout.plus(linger)) < 0) {
                throw new ConfigException(
                        DELIVERY_TIMEOUT_KEY,
                        "must be at least kafka.request-timeout plus kafka.linger ("
                                + requestTimeout.plus(linger).toMillis() + " ms), is " + deliveryTimeout.toMillis()
                                + " ms");
            }
        }
    }

    /** Topic names and partitioning. */
    public record Topics(
            String raw,
            String transactions,
            String deadLetters,
            String scores,
            String alerts,
            String scoringState,
            String labels,
            String decisions,
            int partitions,
            short replicationFactor) {

        public static Topics from(Settings s) {
            return new Topics(
                    s.string("topics.raw", "fraud.transactions.raw"),
                    s.string("topics.transactions", "fraud.transactions"),
                    s.string("topics.dead-letters", "fraud.transactions.dlq"),
                    s.string("topics.scores", "fraud.scores"),
                    s.string("topics.alerts", "fraud.alerts"),
                    s.string("topics.scoring-state", "fraud.scoring.state"),
                    s.string("topics.labels", "fraud.labels"),
                    s.string("topics.decisions", "fraud.decisions"),
                    s.integer("topics.partitions", 4, 1, 1024),
                    (short) s.integer("topics.replication-factor", 1, 1, 16));
        }
    }

    /** PostgreSQL connection of the alert store. */
    public record Postgres(
            String host, int port, String database, String user, Secret password, int poolSize, PostgresSsl ssl) {

        /** The database settings alone, for commands that need nothing else. */
        public static Postgres from(Settings s) {
            return new Postgres(
                    s.string("postgres.host", "localhost"),
                    s.integer("postgres.port", 5432, 1, 65535),
                    s.string("postgres.database", "fraud"),
                    s.string("postgres.user", "fraud"),
                    s.secret("postgres.password", ""),
                    s.integer("postgres.pool-size", 8, 1, 200),
                    PostgresSsl.from(s));
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?" + ssl.jdbcParameters();
        }
    }

    /**
     * The HTTP server of every process: where it listens, the largest body it reads, how many requests a client
     * (by address) may make per second with what burst, and how long a browser session lasts.
     */
    public record Http(
            String host,
            int port,
            int maxBodyBytes,
            double rateLimit,
            int rateBurst,
            Duration sessionLifetime,
            HttpTls tls) {

        public static Http from(Settings s) {
            return new Http(
                    s.string("http.host", "0.0.0.0"),
                    s.integer("http.port", 8080, 0, 65535),
                    s.integer("http.max-body-bytes", 4 * 1024 * 1024, 1024, 256 * 1024 * 1024),
                    s.decimal("http.rate-limit", 200, 0.1, 1_000_000),
                    s.integer("http.rate-burst", 400, 1, 10_000_000),
                    s.duration("http.session-lifetime", Duration.ofHours(12)),
                    HttpTls.from(s));
        }
    }

    /**
     * Who may use the API. When {@code adminPassword} is set, the user {@code admin} is created on start if missing;
     * with {@code demoUsers}, also {@code analyst} and {@code supervisor} with the same password. A user name is
     * locked for {@code lockout} after {@code maxFailedLogins} failed logins in a row (until then, or an admin's unlock).
     */
    public record Auth(Secret adminPassword, boolean demoUsers, int maxFailedLogins, Duration lockout) {

        public static Auth from(Settings s) {
            return new Auth(
                    s.secret("auth.admin-password", ""),
                    s.bool("auth.demo-users", false),
                    s.integer("auth.max-failed-logins", 10, 1, 1000),
                    s.duration("auth.lockout", Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofDays(7)));
        }
    }

    /**
     * Scoring: where fetched bundles are cached, which version to use (empty: the registry's active one), the alert
     * threshold (negative: the registry's for that version), how often the registry and the runtime file are
     * checked for a new version or threshold, and the runtime file (none when empty) whose settings change without a
     * restart (an operator's ConfigMap), which signed bundles it loads, how often it checks whether a rule or a list
     * changed, and the file of declared rules it brings into the registry (none when empty; the operator's).
     */
    public record Scoring(
            Path modelDir,
            String modelVersion,
            double alertThreshold,
            int maxBatch,
            Duration batchWait,
            Duration refreshInterval,
            Path runtimeFile,
            boolean javaInference,
            ModelTrust modelTrust,
            Duration rulesRefreshInterval,
            Path rulesFile) {

        public static Scoring from(Settings s) {
            return new Scoring(
                    Path.of(s.string("scoring.model-dir", "models")),
                    s.string("scoring.model-version", ""),
                    s.decimal("scoring.alert-threshold", -1, -1, 1.0),
                    s.integer("scoring.max-batch", 500, 1, 100_000),
                    s.duration("scoring.batch-wait", Duration.ofMillis(5), Duration.ZERO, Duration.ofSeconds(1)),
                    s.duration("scoring.refresh-interval", Duration.ofSeconds(5)),
                    Path.of(s.string("runtime.file", "")),
                    s.choice("scoring.inference", "java", java.util.List.of("java", "dl4j"))
                            .equals("java"),
                    new ModelTrust(
                            TrustedKeys.parse(s.string(ModelTrust.KEYS_KEY, ""), ModelTrust.KEYS_KEY),
                            s.bool(ModelTrust.ALLOW_UNSIGNED_KEY, false)),
                    s.duration("scoring.rules-refresh-interval", Duration.ofSeconds(1)),
                    Path.of(s.string("scoring.rules-file", "")));
        }

        public double thresholdFor(double modelThreshold) {
            return alertThreshold >= 0 ? alertThreshold : modelThreshold;
        }
    }

    /**
     * The alert stage: whether it keeps every scored transaction as the accounts' history (shown beside each alert),
     * how long the history's writer waits to gather a batch (nobody waits on the history, and each batch is a round
     * trip and a commit in PostgreSQL), and how many live alert streams one user may hold open on one process. How long
     * the history is kept is {@link Retention#transactions()}.
     */
    public record Alerts(boolean history, Duration historyBatchWait, int maxStreamsPerUser) {

        public static Alerts from(Settings s) {
            if (!s.string("alerts.history-retention", "").isEmpty()) {
                throw new ConfigException(
                        "alerts.history-retention", "was renamed: set retention.transactions instead");
            }
            return new Alerts(
                    s.bool("alerts.history", true),
                    s.duration(
                            "alerts.history-batch-wait", Duration.ofMillis(250), Duration.ZERO, Duration.ofSeconds(5)),
                    s.integer("alerts.max-streams-per-user", 5, 1, 1000));
        }
    }

    /**
     * How long each kind of data is kept. {@code transactions}: the scored-transaction history, from when it was
     * scored. {@code cases}: closed cases with their alerts, audit trails and published labels, from when the case
     * closed. {@code audit}: the trails not tied to a case (rule and list changes, data-subject exports, webhook
     * deliveries), from when they were written. {@code deadLetters}: the dead-letter topic's {@code retention.ms},
     * which the broker enforces. The purge runs every {@code interval} and never deletes what an open case needs.
     */
    public record Retention(
            Duration transactions, Duration cases, Duration audit, Duration deadLetters, Duration interval) {

        /** Ten years: how long Peru's anti-money-laundering rules ask reporting entities to keep their records. */
        public static final Duration TEN_YEARS = Duration.ofDays(3650);

        private static final Duration CENTURY = Duration.ofDays(36_500);

        public static Retention from(Settings s) {
            return new Retention(
                    s.duration("retention.transactions", Duration.ofDays(90), Duration.ofDays(1), CENTURY),
                    s.duration("retention.cases", TEN_YEARS, Duration.ofDays(30), CENTURY),
                    s.duration("retention.audit", TEN_YEARS, Duration.ofDays(30), CENTURY),
                    s.duration("retention.dead-letters", Duration.ofDays(30), Duration.ofHours(1), CENTURY),
                    s.duration("retention.interval", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1)));
        }
    }

    /**
     * How cases gather alerts. An alert joins its account's open case; an account with none joins an open case that
     * holds an alert, stored within {@code linkWindow}, sharing one of {@code linkBy} with it: {@code device}, the same
     * device; {@code counterparty}, the same beneficiary, or one account paying the other; {@code ip}, the same IP
     * address (off by default: mobile carriers put many customers behind one address).
     */
    /**
     * Who files the ROS drafts: the reporting entity's name, its RUC (11 digits) and its compliance officer, as the
     * UIF's form asks for them. Left unset, the draft says which key to set.
     */
    public record Compliance(String reportingEntity, String ruc, String officer) {

        public static Compliance from(Settings s) {
            String ruc = s.string("compliance.ruc", "");
            if (!ruc.isEmpty() && !ruc.matches("(10|15|16|17|20)[0-9]{9}")) {
                throw new ConfigException(
                        "compliance.ruc", "expected a RUC: 11 digits starting with 10, 15, 16, 17 or 20");
            }
            return new Compliance(
                    s.string("compliance.reporting-entity", "Sujeto obligado (configure compliance.reporting-entity)"),
                    ruc.isEmpty() ? null : ruc,
                    s.string("compliance.officer", "").isEmpty() ? null : s.string("compliance.officer", ""));
        }
    }

    public record Cases(List<String> linkBy, Duration linkWindow) {

        public static final List<String> LINKS = List.of("device", "counterparty", "ip");

        public Cases {
            linkBy = List.copyOf(linkBy);
        }

        public static Cases defaults() {
            return from(Settings.of(Map.of()));
        }

        public static Cases from(Settings s) {
            String text =
                    s.string("cases.link-by", "device,counterparty").trim().toLowerCase(java.util.Locale.ROOT);
            List<String> links = new java.util.ArrayList<>();
            if (!text.equals("none")) {
                for (String part : text.split(",", -1)) {
                    String link = part.trim();
                    if (!LINKS.contains(link)) {
                        throw new ConfigException(
                                "cases.link-by",
                                "expected none or a list of device, counterparty, ip but got '" + part.trim() + "'");
                    }
                    if (!links.contains(link)) {
                        links.add(link);
                    }
                }
            }
            return new Cases(
                    links,
                    s.duration("cases.link-window", Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(90)));
        }
    }

    /** Ingestion checks and the REST source's limits. */
    public record Ingest(
            String sourceName,
            Duration maxFutureSkew,
            Map<String, BigDecimal> ratesToPen,
            Duration duplicateHorizon,
            int maxBatch,
            Duration decisionTimeout) {

        public static Ingest from(Settings s) {
            return new Ingest(
                    s.string("ingest.source-name", "kafka-raw"),
                    s.duration("ingest.max-future-skew", Duration.ofMinutes(5)),
                    exchangeRates(s.string("ingest.exchange-rates", "USD=3.75")),
                    s.duration("ingest.duplicate-horizon", Duration.ofDays(7)),
                    s.integer("ingest.max-batch", 1000, 1, 100_000),
                    s.duration(
                            "decisions.timeout", Duration.ofMillis(150), Duration.ofMillis(1), Duration.ofSeconds(30)));
        }
    }

    /**
     * A table of the business's own database polled by an increasing key or timestamp ({@code positionColumn});
     * {@code mappingFile} maps its columns like a CSV export's. Disabled unless {@code jdbcUrl} is set.
     */
    public record DatabaseSource(
            String name,
            String jdbcUrl,
            String user,
            Secret password,
            String table,
            String positionColumn,
            Path mappingFile,
            Duration pollInterval,
            int batchSize) {

        public static DatabaseSource from(Settings s) {
            String url = s.string("source.database.jdbc-url", "");
            DatabaseSource source = new DatabaseSource(
                    s.string("source.database.name", "database"),
                    url,
                    s.string("source.database.user", ""),
                    s.secret("source.database.password", ""),
                    s.string("source.database.table", ""),
                    s.string("source.database.position-column", ""),
                    Path.of(s.string("source.database.mapping", "")),
                    s.duration("source.database.poll-interval", Duration.ofSeconds(5)),
                    s.integer("source.database.batch-size", 1000, 1, 100_000));
            if (source.enabled()) {
                requireIdentifier("source.database.table", source.table());
                requireIdentifier("source.database.position-column", source.positionColumn());
                if (source.mappingFile().toString().isEmpty()) {
                    throw new ConfigException(
                            "source.database.mapping", "is required when source.database.jdbc-url is set");
                }
            }
            return source;
        }

        public boolean enabled() {
            return !jdbcUrl.isEmpty();
        }
    }

    /**
     * Alerts and decisions pushed to the business's endpoint, signed with {@code secret}; off unless {@code url} is set.
     * A failed delivery is retried after {@code initialBackoff}, doubling up to {@link #MAX_BACKOFF}, at most
     * {@code maxAttempts} times in all.
     */
    public record Webhooks(String url, Secret secret, int maxAttempts, Duration initialBackoff, Duration timeout) {

        public static Webhooks from(Settings s) {
            Webhooks webhooks = new Webhooks(
                    s.httpUrl("webhooks.url"),
                    s.secret("webhooks.secret", ""),
                    s.integer("webhooks.max-attempts", 8, 1, 100),
                    s.duration(
                            "webhooks.initial-backoff",
                            Duration.ofSeconds(1),
                            Duration.ofMillis(1),
                            Webhooks.MAX_BACKOFF),
                    s.duration(
                            "webhooks.timeout", Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMinutes(5)));
            boolean allowInsecure = s.bool("webhooks.allow-insecure-urls", false);
            if (webhooks.enabled() && !allowInsecure && !webhooks.url().regionMatches(true, 0, "https:", 0, 6)) {
                throw new ConfigException(
                        "webhooks.url",
                        "must be an https URL (alerts carry personal data) but is '" + webhooks.url()
                                + "'; set webhooks.allow-insecure-urls=true only for a receiver on this machine");
            }
            if (webhooks.enabled() && webhooks.secret().value().isEmpty()) {
                throw new ConfigException("webhooks.secret", "is required when webhooks.url is set");
            }
            return webhooks;
        }

        public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

        public boolean enabled() {
            return !url.isEmpty();
        }
    }

    /**
     * The retraining loop, off unless {@code every} is set. Each period it trains {@code families} on the stored
     * history of the last {@code trainDays} days (older history only warms the state) and signs the bundle with
     * {@code signingKey}; a candidate whose validation average precision beats the model in force's on the same window
     * by {@code validationMargin} goes in shadow for {@code shadowFor}, and is promoted when, on at least
     * {@code minDecidedAlerts} alerts the analysts decided meanwhile, its average precision beats the model in force's by
     * {@code shadowMargin}; one that has not gathered them by {@code shadowLimit} is rejected. The loop looks at the
     * registry every {@code checkInterval}.
     */
    public record Retrain(
            Duration every,
            int trainDays,
            Duration labelDelay,
            List<String> families,
            double alertsPerDay,
            Duration shadowFor,
            Duration shadowLimit,
            int minDecidedAlerts,
            double validationMargin,
            double shadowMargin,
            Path signingKey,
            Duration checkInterval) {

        public static Retrain from(Settings s) {
            Duration every = s.duration(Retrain.EVERY_KEY, Duration.ZERO, Duration.ZERO, Duration.ofDays(365));
            Duration shadowFor =
                    s.duration("retrain.shadow-for", Duration.ofDays(3), Duration.ZERO, Duration.ofDays(90));
            Retrain retrain = new Retrain(
                    every,
                    s.integer("retrain.train-days", 90, 1, 3650),
                    s.duration("retrain.label-delay", Duration.ofDays(3), Duration.ZERO, Duration.ofDays(180)),
                    java.util.Arrays.stream(s.string(Retrain.FAMILIES_KEY, "logistic,dense,hybrid,gbdt,hybrid-gbdt")
                                    .split(","))
                            .map(String::trim)
                            .filter(f -> !f.isEmpty())
                            .toList(),
                    s.decimal("retrain.alerts-per-day", 50, 0.01, 1_000_000),
                    shadowFor,
                    s.duration("retrain.shadow-limit", shadowFor.multipliedBy(3), Duration.ZERO, Duration.ofDays(365)),
                    s.integer("retrain.min-decided-alerts", 30, 0, 1_000_000),
                    s.decimal("retrain.validation-margin", 0.01, -1, 1),
                    s.decimal("retrain.shadow-margin", 0.0, -1, 1),
                    s.file("retrain.signing-key"),
                    s.duration(
                            "retrain.check-interval",
                            Duration.ofMinutes(1),
                            Duration.ofMillis(100),
                            Duration.ofDays(1)));
            if (retrain.enabled() && retrain.signingKey() == null) {
                throw new ConfigException(
                        "retrain.signing-key",
                        "is required when " + Retrain.EVERY_KEY + " is set: scoring loads only signed models "
                                + "(a private key made by 'fraud models keygen', whose public key is in "
                                + ModelTrust.KEYS_KEY + ")");
            }
            if (retrain.families().isEmpty()) {
                throw new ConfigException(Retrain.FAMILIES_KEY, "names no model family");
            }
            if (retrain.shadowLimit().compareTo(shadowFor) < 0) {
                throw new ConfigException(
                        "retrain.shadow-limit", "must be at least retrain.shadow-for (" + shadowFor + ")");
            }
            return retrain;
        }

        public static final String EVERY_KEY = "retrain.every";
        public static final String FAMILIES_KEY = "retrain.families";

        public boolean enabled() {
            return !every.isZero();
        }
    }

    public static PlatformConfig from(Settings s) {
        return new PlatformConfig(
                Kafka.from(s),
                Topics.from(s),
                Postgres.from(s),
                Http.from(s),
                Auth.from(s),
                Scoring.from(s),
                Ingest.from(s),
                DatabaseSource.from(s),
                Alerts.from(s),
                Compliance.from(s),
                Webhooks.from(s),
                Retrain.from(s),
                Retention.from(s),
                Cases.from(s));
    }

    /** {@code USD=3.75,EUR=4.05}: soles per unit of each currency; PEN is always 1. */
    static Map<String, BigDecimal> exchangeRates(String text) {
        Map<String, BigDecimal> rates = new TreeMap<>();
        rates.put("PEN", BigDecimal.ONE);
        for (String pair : text.split(",", -1)) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String code = eq < 0 ? "" : p.substring(0, eq).trim().toUpperCase(java.util.Locale.ROOT);
            BigDecimal rate = null;
            try {
                rate = eq < 0 ? null : new BigDecimal(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                rate = null;
            }
            if (!code.matches("[A-Z]{3}") || rate == null || rate.signum() <= 0) {
                throw new ConfigException(
                        "ingest.exchange-rates", "expected entries like USD=3.75,EUR=4.05 but got '" + p + "'");
            }
            rates.put(code, rate);
        }
        return Map.copyOf(rates);
    }

    private static void requireIdentifier(String key, String value) {
        if (!value.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new ConfigException(
                    key,
                    value.isEmpty()
                            ? "is required when source.database.jdbc-url is set"
                            : "must be a plain SQL name such as core_banking.transactions but is '" + value + "'");
        }
    }
}
