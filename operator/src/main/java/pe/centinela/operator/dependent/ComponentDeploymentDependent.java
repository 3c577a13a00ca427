package pe.centinela.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import pe.centinela.operator.crd.Component;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.planning.DesiredObjects;
import pe.centinela.operator.planning.Names;

/** One component's Deployment; the scoring one runs the model version the plan chose. */
public abstract class ComponentDeploymentDependent extends CRUDKubernetesDependentResource<Deployment, FraudDetector> {

    private final Component component;

    protected ComponentDeploymentDependent(Component component) {
        super(Deployment.class);
        this.component = component;
    }

    @Override
    protected Deployment desired(FraudDetector fd, Context<FraudDetector> context) {
        return DesiredObjects.deployment(fd, component, PlanContext.of(context).scoringVersion());
    }

    /** The ingest Deployment. */
    @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
    public static class Ingest extends ComponentDeploymentDependent {
        public Ingest() {
            super(Component.INGEST);
        }
    }

    /** The scoring Deployment, reconciled only once there is a model to serve. */
    @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
    public static class Scoring extends ComponentDeploymentDependent {
        public Scoring() {
            super(Component.SCORING);
        }
    }

    /** The alerts Deployment. */
    @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
    public static class Alerts extends ComponentDeploymentDependent {
        public Alerts() {
            super(Component.ALERTS);
        }
    }
}
