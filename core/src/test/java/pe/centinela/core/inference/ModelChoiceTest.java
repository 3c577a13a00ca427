package pe.centinela.core.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {

    private final Function<String, OptionalDouble> registry = v -> switch (v) {
        case "v1" -> OptionalDouble.of(0.97);
        case "v2" -> OptionalDouble.of(0.95);
        default -> OptionalDouble.empty();
    };

    @Test
    void theRegistrysActiveVersionScoresWithItsRegisteredThreshold() {
        ModelChoice choice = ModelChoice.choose("", -1, Map.of(), Optional.of("v2"), Optional.empty(), registry)
                .orElseThrow();
        assertThat(choice.version()).isEqualTo("v2");
        assertThat(choice.alertThreshold()).isEqualTo(0.95);
    }

    @Test
    void theRuntimeFileOverridesTheRegistryAndTheConfigurationOverridesBoth() {
        assertThat(ModelChoice.choose(
                                "",
                                -1,
                                Map.of("scoring.alert-threshold", "0.9"),
                                Optional.of("v1"),
                                Optional.empty(),
                                registry)
                        .orElseThrow()
                        .alertThreshold())
                .isEqualTo(0.9);
        assertThat(ModelChoice.choose(
                                "",
                                0.8,
                                Map.of("scoring.alert-threshold", "0.9"),
                                Optional.of("v1"),
                                Optional.empty(),
                                registry)
                        .orElseThrow()
                        .alertThreshold())
                .isEqualTo(0.8);
        assertThat(ModelChoice.choose("v1", -1, Map.of(), Optional.of("v2"), Optional.empty(), registry)
                        .orElseThrow()
                        .version())
                .isEqualTo("v1");
    }

    @Test
    void aBadRuntimeThresholdIsIgnoredWithAWarningNamingTheKey() {
        ModelChoice choice = ModelChoice.choose(
                        "", -1, Map.of("scoring.alert-threshold", "1.5"), Optional.of("v1"), Optional.empty(), registry)
                .orElseThrow();
        assertThat(choice.alertThreshold()).isEqualTo(0.97);
        assertThat(choice.warnings()).singleElement().asString().contains("scoring.alert-threshold", "1.5");
    }

    @Test
    void nothingToScoreWithWhenNoVersionIsActiveOrThePinnedOneIsNotRegistered() {
        assertThat(ModelChoice.choose("", -1, Map.of(), Optional.empty(), Optional.empty(), registry))
                .isEmpty();
        assertThat(ModelChoice.choose("v9", -1, Map.of(), Optional.of("v1"), Optional.empty(), registry))
                .isEmpty();
    }

    @Test
    void theRuntimeFileNamesACanaryWithItsShareAndAShadow() {
        ModelChoice choice = ModelChoice.choose(
                        "",
                        -1,
                        Map.of(
                                "scoring.canary-version",
                                "v2",
                                "scoring.canary-share",
                                "0.1",
                                "scoring.shadow-version",
                                "v2"),
                        Optional.of("v1"),
                        Optional.empty(),
                        registry)
                .orElseThrow();
        assertThat(choice.canaryVersion()).isEqualTo("v2");
        assertThat(choice.canaryShare()).isEqualTo(0.1);
        assertThat(choice.shadowVersion()).isEqualTo("v2");
        assertThat(choice.reviewThreshold()).isEqualTo(ScoringEngine.NO_REVIEW);
        assertThat(choice.warnings()).isEmpty();
        assertThat(ModelChoice.choose(
                                "",
                                -1,
                                Map.of("scoring.review-threshold", "0.8"),
                                Optional.of("v1"),
                                Optional.empty(),
                                registry)
                        .orElseThrow()
                        .reviewThreshold())
                .isEqualTo(0.8);
    }

    @Test
    void theRegistrysShadowIsUsedUnlessTheRuntimeFileNamesOne() {
        assertThat(ModelChoice.choose("", -1, Map.of(), Optional.of("v1"), Optional.of("v2"), registry)
                        .orElseThrow()
                        .shadowVersion())
                .isEqualTo("v2");
        assertThat(ModelChoice.choose("", -1, Map.of(), Optional.of("v1"), Optional.of("v1"), registry)
                        .orElseThrow()
                        .shadowVersion())
                .isNull();
    }

    @Test
    void unknownVersionsAndBadSharesAreIgnoredWithWarnings() {
        ModelChoice choice = ModelChoice.choose(
                        "",
                        -1,
                        Map.of(
                                "scoring.canary-version",
                                "v2",
                                "scoring.canary-share",
                                "half",
                                "scoring.shadow-version",
                                "v9"),
                        Optional.of("v1"),
                        Optional.empty(),
                        registry)
                .orElseThrow();
        assertThat(choice.canaryVersion()).isNull();
        assertThat(choice.shadowVersion()).isNull();
        assertThat(choice.warnings())
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("scoring.canary-share", "half"))
                .anySatisfy(w -> assertThat(w).contains("scoring.shadow-version", "v9"));
    }
}
