package pe.centinela.core.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import pe.centinela.core.rules.DecisionPolicy;

/**
 * Which model version scores, with which alert threshold. In order of precedence: what the process's configuration
 * pins ({@code scoring.model-version}, {@code scoring.alert-threshold}); the runtime file's
 * {@code scoring.alert-threshold} (an operator's ConfigMap, changed without a restart); the registry's active
 * version and the threshold the registry holds for a version (set when it was published, changed by an admin).
 *
 * <p>Beside it, the runtime file may name a canary ({@code scoring.canary-version} scoring the share
 * {@code scoring.canary-share} of the accounts) and a shadow ({@code scoring.shadow-version}); without a runtime
 * shadow, the registry's version in status {@code shadow} is one. They score with the registry's thresholds.
 *
 * @param version        the version to score with
 * @param alertThreshold its threshold, 0–1
 * @param canaryVersion  the canary, or null
 * @param canaryShare    the share of accounts the canary scores, 0–1
 * @param shadowVersion  the shadow, or null
 * @param reviewThreshold the runtime file's {@code scoring.review-threshold}, or {@link ScoringEngine#NO_REVIEW}
 * @param declineThreshold the runtime file's {@code scoring.decline-threshold}: scores at or above it are declined; or
 *                       {@link DecisionPolicy#NEVER}, when only rules decline
 * @param warnings       runtime settings that were ignored, each naming its key
 */
public record ModelChoice(
        String version,
        double alertThreshold,
        String canaryVersion,
        double canaryShare,
        String shadowVersion,
        double reviewThreshold,
        double declineThreshold,
        List<String> warnings) {

    public static final String RUNTIME_ALERT_THRESHOLD = "scoring.alert-threshold";
    public static final String RUNTIME_CANARY_VERSION = "scoring.canary-version";
    public static final String RUNTIME_CANARY_SHARE = "scoring.canary-share";
    public static final String RUNTIME_SHADOW_VERSION = "scoring.shadow-version";
    public static final String RUNTIME_REVIEW_THRESHOLD = "scoring.review-threshold";
    public static final String RUNTIME_DECLINE_THRESHOLD = "scoring.decline-threshold";

    /**
     * The model to serve and its threshold, from the configuration, the runtime file and the registry.
     *
     * @param pinnedVersion     the configured version, empty for the registry's active one
     * @param pinnedThreshold   the configured threshold, negative for none
     * @param runtime           the runtime file's settings (empty when there is none)
     * @param activeVersion     the registry's active version, if any
     * @param registryShadow    the registry's shadow version, if any
     * @param registryThreshold the registry's threshold of a version, empty when the version is not registered
     */
    public static Optional<ModelChoice> choose(
            String pinnedVersion,
            double pinnedThreshold,
            Map<String, String> runtime,
            Optional<String> activeVersion,
            Optional<String> registryShadow,
            Function<String, OptionalDouble> registryThreshold) {
        Optional<String> version = pinnedVersion.isEmpty() ? activeVersion : Optional.of(pinnedVersion);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        OptionalDouble registered = registryThreshold.apply(version.get());
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        List<String> warnings = new ArrayList<>();
        double threshold = registered.getAsDouble();
        OptionalDouble fromRuntime = threshold(runtime.get(RUNTIME_ALERT_THRESHOLD), RUNTIME_ALERT_THRESHOLD, warnings);
        if (fromRuntime.isPresent()) {
            threshold = fromRuntime.getAsDouble();
        }
        if (pinnedThreshold >= 0) {
            threshold = pinnedThreshold;
        }
        String canary = registered(
                runtime.get(RUNTIME_CANARY_VERSION),
                RUNTIME_CANARY_VERSION,
                version.get(),
                registryThreshold,
                warnings);
        double share = canary == null ? 0 : share(runtime.get(RUNTIME_CANARY_SHARE), warnings);
        String runtimeShadow = runtime.get(RUNTIME_SHADOW_VERSION);
        String shadow = runtimeShadow != null && !runtimeShadow.isBlank()
                ? registered(runtimeShadow, RUNTIME_SHADOW_VERSION, version.get(), registryThreshold, warnings)
                : registryShadow.filter(v -> !v.equals(version.get())).orElse(null);
        double review = threshold(runtime.get(RUNTIME_REVIEW_THRESHOLD), RUNTIME_REVIEW_THRESHOLD, warnings)
                .orElse(ScoringEngine.NO_REVIEW);
        double decline = threshold(runtime.get(RUNTIME_DECLINE_THRESHOLD), RUNTIME_DECLINE_THRESHOLD, warnings)
                .orElse(DecisionPolicy.NEVER);
        return Optional.of(new ModelChoice(
                version.get(),
                threshold,
                share > 0 ? canary : null,
                share,
                shadow,
                review,
                decline,
                List.copyOf(warnings)));
    }

    private static String registered(
            String text,
            String key,
            String active,
            Function<String, OptionalDouble> registryThreshold,
            List<String> warnings) {
        if (text == null || text.isBlank() || text.trim().equals(active)) {
            return null;
        }
        if (registryThreshold.apply(text.trim()).isEmpty()) {
            warnings.add(key + " names " + text.trim() + ", which is not in the registry; ignored");
            return null;
        }
        return text.trim();
    }

    private static double share(String text, List<String> warnings) {
        if (text == null || text.isBlank()) {
            warnings.add(RUNTIME_CANARY_SHARE + " is missing, so the canary scores no traffic");
            return 0;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        warnings.add(RUNTIME_CANARY_SHARE + " must be a number between 0 and 1 but is '" + text.trim()
                + "'; the canary scores no traffic");
        return 0;
    }

    private static OptionalDouble threshold(String text, String key, List<String> warnings) {
        if (text == null || text.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (value >= 0 && value <= 1) {
                return OptionalDouble.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        warnings.add(key + " must be a number between 0 and 1 but is '" + text.trim() + "'; ignored");
        return OptionalDouble.empty();
    }
}
