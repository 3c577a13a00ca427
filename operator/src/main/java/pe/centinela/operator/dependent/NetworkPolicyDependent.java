package pe.centinela.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.planning.Names;
import pe.centinela.operator.planning.PlatformNetworkPolicy;

/** The platform pods' NetworkPolicy: API clients in; Kafka, PostgreSQL and DNS out. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
public class NetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, FraudDetector> {

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(FraudDetector fd, Context<FraudDetector> context) {
        return PlatformNetworkPolicy.desired(fd);
    }
}
