package pe.centinela.operator.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImagePolicyTest {

    private final ImagePolicy policy = ImagePolicy.parse(" ghcr.io/centinela/ , registry.bank.pe:5000/fraud/");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ghcr.io/centinela/fraud:0.1.0",
                "ghcr.io/centinela/fraud",
                "ghcr.io/centinela/team/fraud:test",
                "ghcr.io/centinela/fraud@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "ghcr.io/centinela/fraud:0.1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "registry.bank.pe:5000/fraud/platform:1"
            })
    void imagesUnderAnAllowedPrefixAreAllowed(String image) {
        assertThat(policy.allows(image)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ghcr.io/centinela-evil/fraud:0.1.0",
                "ghcr.io/centinelaevil/fraud",
                "ghcr.io/centinela",
                "ghcr.io/centinela/",
                "ghcr.io/centinela/../evil/fraud:1",
                "ghcr.io/centinela/..:1",
                "ghcr.io/centinela//fraud",
                "ghcr.io/centinela/fraud@evil.io/x",
                "ghcr.io/centinela/fraud:1@sha256:short",
                "ghcr.io/centinela/Fraud:1",
                "ghcr.io/centinela/fraud:1 ",
                "ghcr.io/centinela/fraud\n:1",
                "evil.io/ghcr.io/centinela/fraud",
                "fraud:0.1.0",
                "registry.bank.pe/fraud/platform:1",
                "registry.bank.pe:5000/fraudulent/platform:1",
                ""
            })
    void otherImagesAreRefused(String image) {
        assertThat(policy.allows(image)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" , "})
    void noPrefixAtAllIsAConfigurationError(String text) {
        assertThatThrownBy(() -> ImagePolicy.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALLOWED_IMAGE_PREFIXES is empty");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ghcr.io/centinela",
                "*",
                "/",
                "ghcr.io/centinela/*",
                "ghcr.io/../",
                "ghcr.io//",
                "ghcr.io/Centinela/"
            })
    void prefixesThatDoNotEndAtAWholePathComponentAreConfigurationErrors(String prefix) {
        assertThatThrownBy(() -> ImagePolicy.parse("ghcr.io/centinela/," + prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALLOWED_IMAGE_PREFIXES")
                .hasMessageContaining(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghcr.io/", "localhost:5000/"})
    void aWholeRegistryMayBeAllowed(String prefix) {
        assertThat(ImagePolicy.parse(prefix).allows(prefix + "anything/fraud:1"))
                .isTrue();
    }
}
