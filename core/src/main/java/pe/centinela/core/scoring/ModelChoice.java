package pe.centinela.core.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Which model version scores, with which alert threshold. In order of precedence: what the process's configuration
 * pins ({@code scoring.model-version}, {@code scoring.alert-threshold}); the runtime file's
 * {@code scoring.alert-threshold} (an operator's ConfigMap, changed without a restart); the registry's active
 * version and the threshold the registry holds for a version (set when it was published, changed by an admin).
 *
 * @param version        the version to score with
 * @param alertThreshold its threshold, 0–1
 * @param warnings       runtime settings that were ignored, each naming its key
 */
public record ModelChoice(String version, double alertThreshold, List<String> warnings) {

    public static final String RUNTIME_ALERT_THRESHOLD = "scoring.alert-threshold";

    /**
     * @param pinnedVersion     the configured version, empty for the registry's active one
     * @param pinnedThreshold   the configured threshold, negative for none
     * @param runtime           the runtime file's settings (empty when there is none)
     * @param activeVersion     the registry's active version, if any
     * @param registryThreshold the registry's threshold of a version, empty when the version is not registered
     */
    public static Optional<ModelChoice> choose(String pinnedVersion, double pinnedThreshold, Map<String, String> runtime,
                                               Optional<String> activeVersion, Function<String, OptionalDouble> registryThreshold) {
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
        OptionalDouble fromRuntime = threshold(runtime.get(RUNTIME_ALERT_THRESHOLD), warnings);
        if (fromRuntime.isPresent()) {
            threshold = fromRuntime.getAsDouble();
        }
        if (pinnedThreshold >= 0) {
            threshold = pinnedThreshold;
        }
        return Optional.of(new ModelChoice(version.get(), threshold, List.copyOf(warnings)));
    }

    private static OptionalDouble threshold(String text, List<String> warnings) {
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
        warnings.add(RUNTIME_ALERT_THRESHOLD + " must be a number between 0 and 1 but is '" + text.trim() + "'; ignored");
        return OptionalDouble.empty();
    }
}
