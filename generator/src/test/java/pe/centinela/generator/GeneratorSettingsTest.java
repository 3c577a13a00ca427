package pe.centinela.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void defaultsAreFiveThousandAccountsHalfAPercentFraudThreePaymentsADayAndThreePercentDollars() {
        GeneratorSettings settings = GeneratorSettings.defaults(7, START);

        assertThat(settings.seed()).isEqualTo(7);
        assertThat(settings.start()).isEqualTo(START);
        assertThat(settings.accounts()).isEqualTo(5000);
        assertThat(settings.fraudRate()).isEqualTo(0.005);
        assertThat(settings.transactionsPerAccountPerDay()).isEqualTo(3.0);
        assertThat(settings.usdShare()).isEqualTo(0.03);
    }

    @Test
    void fewerThanTenAccountsAreRejectedNamingAccounts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeneratorSettings(1, 9, 0.005, START, 3, 0.03))
                .withMessageContaining("accounts");
    }

    @Test
    void fraudRateOutsideZeroToTwentyPercentIsRejectedNamingFraudRate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeneratorSettings(1, 100, -0.01, START, 3, 0.03))
                .withMessageContaining("fraudRate");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeneratorSettings(1, 100, 0.21, START, 3, 0.03))
                .withMessageContaining("fraudRate");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeneratorSettings(1, 100, Double.NaN, START, 3, 0.03))
                .withMessageContaining("fraudRate");
    }

    @Test
    void nonPositiveTransactionRateIsRejectedNamingTheParameter() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeneratorSettings(1, 100, 0.005, START, 0, 0.03))
                .withMessageContaining("transactionsPerAccountPerDay");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeneratorSettings(1, 100, 0.005, START, Double.POSITIVE_INFINITY, 0.03))
                .withMessageContaining("transactionsPerAccountPerDay");
    }

    @Test
    void usdShareOutsideZeroToOneIsRejectedNamingUsdShare() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeneratorSettings(1, 100, 0.005, START, 3, 1.5))
                .withMessageContaining("usdShare");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeneratorSettings(1, 100, 0.005, START, 3, -0.1))
                .withMessageContaining("usdShare");
    }

    @Test
    void missingStartIsRejectedNamingStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GeneratorSettings(1, 100, 0.005, null, 3, 0.03))
                .withMessageContaining("start");
    }

    @Test
    void boundaryValuesAreAccepted() {
        GeneratorSettings settings = new GeneratorSettings(1, 10, 0.2, START, 0.01, 1.0);

        assertThat(settings.withFraudRate(0).fraudRate()).isZero();
        assertThat(settings.withUsdShare(0).usdShare()).isZero();
        assertThat(settings.withAccounts(10).accounts()).isEqualTo(10);
    }
}
