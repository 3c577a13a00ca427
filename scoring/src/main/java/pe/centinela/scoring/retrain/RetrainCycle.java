package pe.centinela.scoring.retrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.ConfigException;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.json.Json;
import pe.centinela.core.retrain.PromotionRule;
import pe.centinela.core.retrain.RetrainPlanner;
import pe.centinela.core.retrain.RetrainStep;
import pe.centinela.core.retrain.ShadowFigures;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.registry.ModelRegistry;
import pe.centinela.scoring.training.Backtest;
import pe.centinela.scoring.training.Imbalance;
import pe.centinela.scoring.training.ModelFamily;
import pe.centinela.scoring.training.ModelTraining;
import pe.centinela.scoring.training.StoredHistory;

/**
 * One turn of the retraining loop, as the registry calls for it ({@link RetrainPlanner}): train a candidate on the
 * stored history and compare it with the model in force on the same validation window, then put it in shadow, promote
 * or reject it ({@link PromotionRule}); or judge the shadow it put there on the alerts decided since. Every step is an
 * event in the registry's trail. A PostgreSQL advisory lock lets one instance at a time take a turn. Blocking.
 */
public final class RetrainCycle {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainCycle.class);
    /** The advisory lock's key: any fixed number the platform uses for nothing else. */
    private static final long LOCK = 0x63656e74696e656cL;

    private static final String DECIDED_SHADOW_SCORES = """
            SELECT s.score, s.shadow_score, a.status = 'confirmed_fraud' FROM scored_transactions s
            JOIN alerts a ON a.transaction_id = s.transaction_id
            WHERE s.shadow_version = ? AND s.scored_at >= ? AND s.shadow_score IS NOT NULL AND a.status IN ('confirmed_fraud', 'false_positive')""";

    private final PlatformConfig config;
    private final PlatformConfig.Retrain settings;
    private final List<ModelFamily> families;
    private final ModelRegistry registry;
    private final Clock clock;

    public RetrainCycle(PlatformConfig config, Clock clock) {
        this.config = config;
        this.settings = config.retrain();
        this.families = families(settings);
        this.registry = new ModelRegistry(config.postgres());
        this.clock = clock;
    }

    /** The configured families, each checked; a name that is none is a configuration error naming its key. */
    public static List<ModelFamily> families(PlatformConfig.Retrain settings) {
        try {
            return settings.families().stream().map(ModelFamily::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PlatformConfig.Retrain.FAMILIES_KEY, e.getMessage());
        }
    }

    /** Takes the turn the registry calls for, unless another instance holds the loop; returns what happened, for the log. */
    public String turn() throws SQLException, IOException {
        try (Connection lock = DriverManager.getConnection(
                config.postgres().jdbcUrl(),
                config.postgres().user(),
                config.postgres().password().value())) {
            if (!tryLock(lock)) {
                return "another instance runs the retraining loop";
            }
            Instant now = clock.instant();
            RetrainStep step = RetrainPlanner.next(
                    now, settings, registry.latest("retrain_started").map(ModelRegistry.Event::at), shadow());
            if (step instanceof RetrainStep.Wait wait) {
                return "waiting until " + wait.until() + ": " + wait.reason();
            }
            return step instanceof RetrainStep.Judge judge ? judge(now, judge) : train(now);
        }
    }

    private Optional<RetrainPlanner.Shadow> shadow() throws SQLException {
        Optional<ModelRegistry.Entry> entry = registry.list().stream()
                .filter(e -> e.status().equals("shadow"))
                .findFirst();
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String version = entry.get().version();
        ModelRegistry.Event placed = registry.events(version, 50).stream()
                .filter(e -> e.action().equals("shadow"))
                .findFirst()
                .orElse(new ModelRegistry.Event(
                        0, version, "shadow", "unknown", entry.get().createdAt(), "{}"));
        return Optional.of(new RetrainPlanner.Shadow(version, placed.actor(), placed.at()));
    }

    private String train(Instant now) throws SQLException {
        Instant trainStart = now.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .minusDays(settings.trainDays())
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("train_start", trainStart.toString());
        started.put("families", settings.families());
        registry.record(null, "retrain_started", RetrainPlanner.ACTOR, Json.toString(started));
        try {
            return trainAndJudge(trainStart);
        } catch (Exception e) {
            LOG.warn("retraining failed: {}", e.getMessage());
            registry.record(
                    null,
                    "retrain_failed",
                    RetrainPlanner.ACTOR,
                    Json.toString(Map.of("error", String.valueOf(e.getMessage()))));
            return "training failed: " + e.getMessage();
        }
    }

    private String trainAndJudge(Instant trainStart) throws Exception {
        List<Transaction> history = StoredHistory.read(config);
        if (!history.isEmpty() && !trainStart.isAfter(history.get(0).timestamp())) {
            trainStart = null; // a history shorter than retrain.train-days is trained on whole
        }
        Optional<ModelRegistry.Entry> inForce = registry.active();
        ModelTraining.Options options = new ModelTraining.Options(
                families,
                Imbalance.WEIGHTS,
                settings.labelDelay(),
                0.2,
                1.0,
                settings.alertsPerDay(),
                null,
                clock.millis(),
                trainStart);
        LOG.info(
                "retraining {} on {} stored transactions, training from {}",
                settings.families(),
                history.size(),
                trainStart == null ? "the first" : trainStart);
        Path scratch = Files.createTempDirectory("centinela-retrain");
        try {
            Scorer inForceScorer =
                    inForce.isEmpty() ? null : inForceScorer(inForce.get().version(), scratch.resolve("in-force"));
            ModelTraining.Result result =
                    new ModelTraining(options, clock).train(history.iterator(), progress(), inForceScorer);
            String version = publish(result, scratch.resolve("candidate"));
            OptionalDouble inForceAp = inForce.isEmpty()
                    ? OptionalDouble.empty()
                    : result.inForceAveragePrecision().isPresent()
                            ? result.inForceAveragePrecision()
                            : recordedAveragePrecision(inForce.get());
            PromotionRule.Verdict verdict = PromotionRule.afterTraining(
                    result.validation().averagePrecision(),
                    inForce.map(ModelRegistry.Entry::version).orElse(null),
                    inForceAp,
                    settings);
            return apply(version, verdict);
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private String judge(Instant now, RetrainStep.Judge judge) throws SQLException {
        PromotionRule.Verdict verdict =
                PromotionRule.afterShadow(now, judge.since(), shadowFigures(judge.version(), judge.since()), settings);
        return apply(judge.version(), verdict);
    }

    private String apply(String version, PromotionRule.Verdict verdict) throws SQLException {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", verdict.reason());
        detail.putAll(verdict.figures());
        String json = Json.toString(detail);
        switch (verdict.outcome()) {
            case SHADOW -> registry.shadow(version, RetrainPlanner.ACTOR, json);
            case PROMOTE -> registry.promote(version, RetrainPlanner.ACTOR, json);
            case REJECT -> registry.reject(version, RetrainPlanner.ACTOR, json);
            case KEEP_SHADOWING -> {
                return "candidate " + version + " stays in shadow: " + json;
            }
        }
        LOG.info("retraining: {} {} {}", verdict.outcome().name().toLowerCase(java.util.Locale.ROOT), version, json);
        return verdict.outcome().name().toLowerCase(java.util.Locale.ROOT) + " " + version + " " + json;
    }

    /** The model in force, loaded as scoring loads it; null when it computes other features than this build. */
    private Scorer inForceScorer(String version, Path cache) throws IOException, SQLException {
        registry.fetch(version, cache);
        try {
            return new ModelBundles(cache, config.scoring().modelTrust())
                    .load(version, ModelBundles.Inference.JAVA)
                    .scorer();
        } catch (ModelBundles.IncompatibleModelException e) {
            LOG.info(
                    "the model in force {} computes other features; it is compared by its own recorded validation figure",
                    version);
            return null;
        }
    }

    private static OptionalDouble recordedAveragePrecision(ModelRegistry.Entry entry) {
        Object value = Json.fromString(entry.metrics(), Map.class).get("validation_average_precision");
        return value instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** Signs the bundle, checks scoring will trust it, and registers it as a candidate; returns its version. */
    private String publish(ModelTraining.Result result, Path folder) throws Exception {
        PrivateKey key = SigningKeys.readPrivate(settings.signingKey());
        ModelBundles bundles = new ModelBundles(folder, config.scoring().modelTrust()).signingWith(key);
        ModelManifest saved = result.saveTo(bundles);
        ModelBundles.verifySignature(
                bundles.directory(saved.version()),
                saved.version(),
                config.scoring().modelTrust());
        return registry.publish(bundles.directory(saved.version()), RetrainPlanner.ACTOR)
                .version();
    }

    private ShadowFigures shadowFigures(String version, Instant since) throws SQLException {
        List<double[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        config.postgres().jdbcUrl(),
                        config.postgres().user(),
                        config.postgres().password().value());
                PreparedStatement q = c.prepareStatement(DECIDED_SHADOW_SCORES)) {
            q.setString(1, version);
            q.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new double[] {rs.getDouble(1), rs.getDouble(2), rs.getBoolean(3) ? 1 : 0});
                }
            }
        }
        double[] inForce = new double[rows.size()];
        double[] shadow = new double[rows.size()];
        boolean[] confirmed = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            inForce[i] = rows.get(i)[0];
            shadow[i] = rows.get(i)[1];
            confirmed[i] = rows.get(i)[2] == 1;
        }
        return ShadowFigures.of(inForce, shadow, confirmed);
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            q.setLong(1, LOCK);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static Backtest.Progress progress() {
        return new Backtest.Progress() {
            @Override
            public void step(String message) {
                LOG.info("retraining: {}", message);
            }

            @Override
            public void replayed(long rows, Instant at) {
                // the steps say enough
            }
        };
    }
}
