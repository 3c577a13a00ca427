package pe.centinela.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.planning.DesiredObjects;
import pe.centinela.operator.planning.Names;

/** The static settings, read by every component through {@code envFrom}. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
public class SettingsConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, FraudDetector> {

    public SettingsConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(FraudDetector fd, Context<FraudDetector> context) {
        return DesiredObjects.settingsConfigMap(fd);
    }
}
