package pe.centinela.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static pe.centinela.core.domain.AlertStatus.*;

import org.junit.jupiter.api.Test;

class AlertWorkflowTest {

    @Test
    void anAnalystInvestigatesThenDecidesOrEscalates() {
        assertThat(AlertWorkflow.refusal(NEW, INVESTIGATING, Role.ANALYST)).isEmpty();
        assertThat(AlertWorkflow.refusal(INVESTIGATING, CONFIRMED_FRAUD, Role.ANALYST))
                .isEmpty();
        assertThat(AlertWorkflow.refusal(INVESTIGATING, FALSE_POSITIVE, Role.ANALYST))
                .isEmpty();
        assertThat(AlertWorkflow.refusal(INVESTIGATING, ESCALATED, Role.ANALYST))
                .isEmpty();
    }

    @Test
    void aNewAlertIsInvestigatedBeforeItIsDecided() {
        assertThat(AlertWorkflow.refusal(NEW, CONFIRMED_FRAUD, Role.SUPERVISOR))
                .hasValue("an alert cannot move from new to confirmed_fraud");
    }

    @Test
    void escalatedAlertsAndReopeningAreForSupervisors() {
        assertThat(AlertWorkflow.refusal(ESCALATED, CONFIRMED_FRAUD, Role.ANALYST))
                .hasValue("only a supervisor may move an alert from escalated to confirmed_fraud");
        assertThat(AlertWorkflow.refusal(ESCALATED, CONFIRMED_FRAUD, Role.SUPERVISOR))
                .isEmpty();
        assertThat(AlertWorkflow.refusal(FALSE_POSITIVE, INVESTIGATING, Role.ANALYST))
                .isPresent();
        assertThat(AlertWorkflow.refusal(FALSE_POSITIVE, INVESTIGATING, Role.ADMIN))
                .isEmpty();
    }

    @Test
    void onlyDecisionsBecomeLabels() {
        assertThat(CONFIRMED_FRAUD.decided()).isTrue();
        assertThat(FALSE_POSITIVE.decided()).isTrue();
        assertThat(ESCALATED.decided()).isFalse();
        assertThat(AlertStatus.fromCode("false_positive")).isEqualTo(FALSE_POSITIVE);
    }
}
