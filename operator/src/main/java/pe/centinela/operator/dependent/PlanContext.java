package pe.centinela.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.planning.Plan;

/** Hands the reconciler's plan to the dependent resources of the same reconciliation. */
public final class PlanContext {

    private PlanContext() {}

    public static void put(Context<FraudDetector> context, Plan plan) {
        context.managedWorkflowAndDependentResourceContext().put(Plan.class, plan);
    }

    public static Plan of(Context<FraudDetector> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(Plan.class, Plan.class);
    }
}
