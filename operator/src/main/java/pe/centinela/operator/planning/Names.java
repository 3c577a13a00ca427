package pe.centinela.operator.planning;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import pe.centinela.operator.crd.Component;
import pe.centinela.operator.crd.FraudDetector;

/** Names and labels of the objects a FraudDetector owns. */
public final class Names {

    public static final String MANAGED_BY = "centinela-operator";
    public static final String MANAGED_BY_SELECTOR = "app.kubernetes.io/managed-by=" + MANAGED_BY;

    private Names() {}

    public static String deployment(FraudDetector fd, Component component) {
        return fd.getMetadata().getName() + "-" + component.role();
    }

    public static String settingsConfigMap(FraudDetector fd) {
        return fd.getMetadata().getName() + "-settings";
    }

    public static String runtimeConfigMap(FraudDetector fd) {
        return fd.getMetadata().getName() + "-runtime";
    }

    public static String alertsService(FraudDetector fd) {
        return fd.getMetadata().getName() + "-alerts";
    }

    public static String networkPolicy(FraudDetector fd) {
        return fd.getMetadata().getName() + "-platform";
    }

    /** Labels that select every pod of the platform, and only those the operator made. */
    public static Map<String, String> platformSelector(FraudDetector fd) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/instance", fd.getMetadata().getName());
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        return labels;
    }

    /** Labels that select one component's pods. */
    public static Map<String, String> selector(FraudDetector fd, Component component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/instance", fd.getMetadata().getName());
        labels.put("app.kubernetes.io/component", component.role());
        return labels;
    }

    static Map<String, String> labels(FraudDetector fd, Component component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "centinela");
        labels.put("app.kubernetes.io/instance", fd.getMetadata().getName());
        if (component != null) {
            labels.put("app.kubernetes.io/component", component.role());
        }
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        return labels;
    }

    static ObjectMeta metadata(FraudDetector fd, String name, Component component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(fd.getMetadata().getNamespace())
                .withLabels(labels(fd, component))
                .build();
    }
}
