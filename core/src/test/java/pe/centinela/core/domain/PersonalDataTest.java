package pe.centinela.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void identifiersKeepOnlyTheirLastFourCharacters() {
        assertThat(PersonalData.mask("4111222233334444")).isEqualTo("****4444");
        assertThat(PersonalData.mask("abc")).isEqualTo("****");
        assertThat(PersonalData.mask(null)).isNull();
    }

    @Test
    void onlySupervisorsAndAdminsSeeIdentities() {
        assertThat(PersonalData.seesIdentities(Role.ANALYST)).isFalse();
        assertThat(PersonalData.seesIdentities(Role.SUPERVISOR)).isTrue();
        assertThat(PersonalData.seesIdentities(Role.ADMIN)).isTrue();
    }
}
