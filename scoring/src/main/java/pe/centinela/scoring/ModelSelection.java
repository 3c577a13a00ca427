package pe.centinela.scoring;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.inference.ModelChoice;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.registry.ModelRegistry;

/**
 * Which models to score with now: the registry's active and shadow versions, the runtime file's overrides and the
 * settings, chosen by {@link ModelChoice}; versions already loaded are kept, new ones fetched, checksum-verified and
 * loaded. Blocking (database and files): call it on a worker thread.
 */
final class ModelSelection {

    private final PlatformConfig.Scoring scoring;
    private final PlatformConfig.Postgres postgres;
    private volatile String warnings;

    ModelSelection(PlatformConfig.Scoring scoring, PlatformConfig.Postgres postgres) {
        this.scoring = scoring;
        this.postgres = postgres;
    }

    /** The models to score with now, reusing those of {@code current} (null at start) where nothing changed. */
    ScoringEngine.ModelSet choose(ScoringEngine.ModelSet current) throws IOException, SQLException {
        ModelRegistry registry = new ModelRegistry(postgres);
        List<ModelRegistry.Entry> entries = registry.list();
        Optional<String> active = versionWithStatus(entries, "active");
        Optional<String> shadow = versionWithStatus(entries, "shadow");
        Map<String, String> runtime = RuntimeFile.read(scoring.runtimeFile());
        Function<String, OptionalDouble> thresholds = version -> entries.stream()
                .filter(e -> e.version().equals(version))
                .mapToDouble(ModelRegistry.Entry::alertThreshold)
                .findFirst();
        ModelChoice choice = ModelChoice.choose(
                        scoring.modelVersion(), scoring.alertThreshold(), runtime, active, shadow, thresholds)
                .orElseThrow(() -> new IOException(
                        scoring.modelVersion().isEmpty()
                                ? "no active model in the registry: train one (fraud train), then fraud models publish DIR and fraud models promote VERSION"
                                : "model version " + scoring.modelVersion()
                                        + " (scoring.model-version) is not in the registry"));
        // kept for the caller to report once the choice is in force, so a refused model's warning is not reset on every
        // refresh
        warnings = choice.warnings().isEmpty() ? null : String.join("; ", choice.warnings());
        ScoringEngine.ActiveModel activeModel = model(registry, choice.version(), choice.alertThreshold(), current);
        ScoringEngine.ActiveModel canary = choice.canaryVersion() == null
                ? null
                : model(
                        registry,
                        choice.canaryVersion(),
                        thresholds.apply(choice.canaryVersion()).orElseThrow(),
                        current);
        ScoringEngine.ActiveModel shadowModel = choice.shadowVersion() == null
                ? null
                : model(
                        registry,
                        choice.shadowVersion(),
                        thresholds.apply(choice.shadowVersion()).orElseThrow(),
                        current);
        return new ScoringEngine.ModelSet(
                activeModel,
                canary,
                choice.canaryShare(),
                shadowModel,
                choice.reviewThreshold(),
                choice.declineThreshold());
    }

    /** The warnings of the last choice (settings that name versions not in the registry …), or null. */
    String warnings() {
        return warnings;
    }

    private static Optional<String> versionWithStatus(List<ModelRegistry.Entry> entries, String status) {
        return entries.stream()
                .filter(e -> e.status().equals(status))
                .map(ModelRegistry.Entry::version)
                .findFirst();
    }

    /** A version at a threshold: the scorer already loaded for it when there is one, else fetched and loaded. */
    private ScoringEngine.ActiveModel model(
            ModelRegistry registry, String version, double threshold, ScoringEngine.ModelSet current)
            throws IOException, SQLException {
        if (current != null) {
            for (ScoringEngine.ActiveModel loaded :
                    new ScoringEngine.ActiveModel[] {current.active(), current.canary(), current.shadow()}) {
                if (loaded != null && loaded.version().equals(version)) {
                    return loaded.alertThreshold() == threshold
                            ? loaded
                            : new ScoringEngine.ActiveModel(version, loaded.scorer(), threshold);
                }
            }
        }
        try {
            registry.fetch(version, scoring.modelDir());
            ModelBundles.LoadedModel loaded = new ModelBundles(scoring.modelDir(), scoring.modelTrust())
                    .load(version, scoring.javaInference() ? ModelBundles.Inference.JAVA : ModelBundles.Inference.DL4J);
            return new ScoringEngine.ActiveModel(version, loaded.scorer(), threshold);
        } catch (IOException e) {
            throw new RefusedModelException(version, e);
        }
    }

    /** The models of {@code set} in words, for the log. */
    static String describe(ScoringEngine.ModelSet set) {
        ScoringEngine.ActiveModel a = set.active();
        return "model " + a.version() + " (alert threshold " + a.alertThreshold() + ")"
                + (set.canary() == null
                        ? ""
                        : ", canary " + set.canary().version() + " on " + Math.round(set.canaryShare() * 100)
                                + " % of accounts")
                + (set.shadow() == null ? "" : ", shadow " + set.shadow().version());
    }
}
