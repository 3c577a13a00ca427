package pe.centinela.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.planning.DesiredObjects;
import pe.centinela.operator.planning.Names;

/**
 * The alert API's Service. Created and updated without server-side apply: kube-apiserver 1.20 answers an apply that
 * creates a Service with "resourceVersion should not be set on objects to be created".
 */
@KubernetesDependent(
        useSSA = BooleanWithUndefined.FALSE,
        informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
public class AlertsServiceDependent extends CRUDKubernetesDependentResource<Service, FraudDetector> {

    public AlertsServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(FraudDetector fd, Context<FraudDetector> context) {
        return DesiredObjects.alertsService(fd);
    }
}
