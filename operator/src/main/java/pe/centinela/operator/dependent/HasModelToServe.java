package pe.centinela.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import pe.centinela.operator.crd.FraudDetector;

/** Scoring runs only when the plan chose a model version: never with one the registry refused. */
public class HasModelToServe implements Condition<Deployment, FraudDetector> {

    @Override
    public boolean isMet(
            DependentResource<Deployment, FraudDetector> dependent, FraudDetector fd, Context<FraudDetector> context) {
        return PlanContext.of(context).scoringVersion() != null;
    }
}
