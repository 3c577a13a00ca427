package pe.centinela.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertOwnershipTest {

    @Test
    void analystsTakeAlertsOrHandTheirOwnBackButNeverGiveThemToAColleague() {
        assertThat(AlertOwnership.assignmentRefusal("ana", "ana", Role.ANALYST)).isEmpty();
        assertThat(AlertOwnership.assignmentRefusal(null, "ana", Role.ANALYST)).isEmpty();
        assertThat(AlertOwnership.assignmentRefusal("luis", "ana", Role.ANALYST))
                .hasValueSatisfying(m -> assertThat(m).contains("a supervisor reassigns"));
    }

    @Test
    void supervisorsAndAdminsAssignToAnyoneAndActOnAnyAlert() {
        assertThat(AlertOwnership.assignmentRefusal("luis", "sofia", Role.SUPERVISOR))
                .isEmpty();
        assertThat(AlertOwnership.assignmentRefusal("luis", "root", Role.ADMIN)).isEmpty();
        assertThat(AlertOwnership.actsOnAnyAlert(Role.SUPERVISOR)).isTrue();
        assertThat(AlertOwnership.actsOnAnyAlert(Role.ADMIN)).isTrue();
        assertThat(AlertOwnership.actsOnAnyAlert(Role.ANALYST)).isFalse();
        assertThat(AlertOwnership.actsOnAnyAlert(Role.INTEGRATION)).isFalse();
    }

    @Test
    void aColleaguesAlertIsRefusedNamingTheirName() {
        assertThat(AlertOwnership.notYours("al-1", "luis"))
                .isEqualTo("alert al-1 is assigned to luis; ask a supervisor to reassign it");
    }
}
