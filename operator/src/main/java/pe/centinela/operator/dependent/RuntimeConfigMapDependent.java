package pe.centinela.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.planning.DesiredObjects;
import pe.centinela.operator.planning.Names;

/** Thresholds, shadow and canary: a mounted file the scoring process re-reads, so changes need no restart. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
public class RuntimeConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, FraudDetector> {

    public RuntimeConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(FraudDetector fd, Context<FraudDetector> context) {
        return DesiredObjects.runtimeConfigMap(fd, PlanContext.of(context).refusedVersions());
    }
}
