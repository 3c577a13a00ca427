package pe.centinela.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoTrafficVerticleTest {

    @Test
    void eachGeneratorHasItsOwnAccountsWithTheDigitsLast() {
        assertThat(DemoTrafficVerticle.accountOf(7, "acc-000123")).isEqualTo("acc-7-000123");
        assertThat(DemoTrafficVerticle.accountOf(8, "acc-000123"))
                .isNotEqualTo(DemoTrafficVerticle.accountOf(7, "acc-000123"));
        assertThat(DemoTrafficVerticle.accountOf(-1, "acc-000123"))
                .isEqualTo("acc-3w5e11264sgsf-000123")
                .endsWith("0123");
    }
}
