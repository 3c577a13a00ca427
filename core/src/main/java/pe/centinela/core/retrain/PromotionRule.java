package pe.centinela.core.retrain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import pe.centinela.core.config.PlatformConfig;

/**
 * When the loop's candidate replaces the model in force: first on the validation window both were scored on (the
 * candidate goes in shadow only if it beats the model in force there by the validation margin), then on the alerts
 * the analysts decided while it ran in shadow (promoted only if it beats it there by the shadow margin, on enough of
 * them). Each verdict carries its reason code and figures for the registry's trail.
 */
public final class PromotionRule {

    /** What becomes of the candidate. */
    public enum Outcome {
        SHADOW,
        PROMOTE,
        REJECT,
        KEEP_SHADOWING
    }

    /** An outcome, its reason code and the figures behind it. */
    public record Verdict(Outcome outcome, String reason, Map<String, Object> figures) {}

    private PromotionRule() {}

    /** After training: {@code inForce} empty when no model is in force (the candidate is then promoted straight away). */
    public static Verdict afterTraining(
            double candidateAveragePrecision,
            String inForceVersion,
            OptionalDouble inForce,
            PlatformConfig.Retrain settings) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("validation_average_precision", candidateAveragePrecision);
        if (inForce.isEmpty()) {
            return new Verdict(Outcome.PROMOTE, "no_model_in_force", figures);
        }
        figures.put("in_force", inForceVersion);
        figures.put("in_force_validation_average_precision", inForce.getAsDouble());
        figures.put("validation_margin", settings.validationMargin());
        return candidateAveragePrecision >= inForce.getAsDouble() + settings.validationMargin()
                ? new Verdict(Outcome.SHADOW, "beat_in_force_on_validation", figures)
                : new Verdict(Outcome.REJECT, "validation", figures);
    }

    /** After the shadow period: promote, reject, or keep shadowing until enough alerts are decided or the limit passes. */
    public static Verdict afterShadow(
            Instant now, Instant shadowSince, ShadowFigures shadow, PlatformConfig.Retrain settings) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("decided_alerts", shadow.decided());
        figures.put("confirmed_frauds", shadow.confirmed());
        figures.put("min_decided_alerts", settings.minDecidedAlerts());
        if (shadow.decided() < settings.minDecidedAlerts() || !shadow.informative()) {
            return now.isBefore(shadowSince.plus(settings.shadowLimit()))
                    ? new Verdict(Outcome.KEEP_SHADOWING, "too_few_decided", figures)
                    : new Verdict(Outcome.REJECT, "too_few_decided", figures);
        }
        figures.put("shadow_average_precision", shadow.shadowAveragePrecision());
        figures.put("in_force_shadow_average_precision", shadow.inForceAveragePrecision());
        figures.put("shadow_margin", settings.shadowMargin());
        return shadow.shadowAveragePrecision() >= shadow.inForceAveragePrecision() + settings.shadowMargin()
                ? new Verdict(Outcome.PROMOTE, "beat_in_force", figures)
                : new Verdict(Outcome.REJECT, "shadow", figures);
    }
}
