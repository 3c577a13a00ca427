package pe.centinela.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.AlertStatus;
import pe.centinela.core.domain.Role;

class CaseWorkflowTest {

    @Test
    void anAnalystTakesACaseThenClosesOrEscalatesIt() {
        assertThat(CaseWorkflow.refusal(CaseStatus.OPEN, CaseStatus.INVESTIGATING, Role.ANALYST))
                .isEmpty();
        assertThat(CaseWorkflow.refusal(CaseStatus.INVESTIGATING, CaseStatus.CLOSED_FRAUD, Role.ANALYST))
                .isEmpty();
        assertThat(CaseWorkflow.refusal(CaseStatus.INVESTIGATING, CaseStatus.CLOSED_NOT_FRAUD, Role.ANALYST))
                .isEmpty();
        assertThat(CaseWorkflow.refusal(CaseStatus.INVESTIGATING, CaseStatus.ESCALATED, Role.ANALYST))
                .isEmpty();
    }

    @Test
    void onlyASupervisorClosesAnEscalatedCaseOrReopensAClosedOne() {
        assertThat(CaseWorkflow.refusal(CaseStatus.ESCALATED, CaseStatus.CLOSED_FRAUD, Role.ANALYST))
                .hasValue("only a supervisor may move a case from escalated to closed_fraud");
        assertThat(CaseWorkflow.refusal(CaseStatus.ESCALATED, CaseStatus.CLOSED_FRAUD, Role.SUPERVISOR))
                .isEmpty();
        assertThat(CaseWorkflow.refusal(CaseStatus.CLOSED_NOT_FRAUD, CaseStatus.INVESTIGATING, Role.ANALYST))
                .hasValue("only a supervisor may move a case from closed_not_fraud to investigating");
        assertThat(CaseWorkflow.refusal(CaseStatus.CLOSED_NOT_FRAUD, CaseStatus.INVESTIGATING, Role.ADMIN))
                .isEmpty();
    }

    @Test
    void aCaseIsNotClosedBeforeSomeoneLooksAtIt() {
        assertThat(CaseWorkflow.refusal(CaseStatus.OPEN, CaseStatus.CLOSED_FRAUD, Role.SUPERVISOR))
                .hasValue("a case cannot move from open to closed_fraud");
        assertThat(CaseWorkflow.refusal(CaseStatus.CLOSED_FRAUD, CaseStatus.CLOSED_NOT_FRAUD, Role.SUPERVISOR))
                .isPresent();
    }

    @Test
    void aClosingDecisionIsTheLabelOfEveryAlert() {
        assertThat(CaseStatus.CLOSED_FRAUD.alertDecision()).hasValue(AlertStatus.CONFIRMED_FRAUD);
        assertThat(CaseStatus.CLOSED_NOT_FRAUD.alertDecision()).hasValue(AlertStatus.FALSE_POSITIVE);
        assertThat(CaseStatus.ESCALATED.alertDecision()).isEmpty();
        assertThat(CaseStatus.fromCode("closed_fraud")).isEqualTo(CaseStatus.CLOSED_FRAUD);
    }
}
