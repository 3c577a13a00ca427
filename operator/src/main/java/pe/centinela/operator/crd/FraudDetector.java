package pe.centinela.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One fraud detection platform (ingest, scoring and alerts) in a namespace, and the model it serves. */
@Group(FraudDetector.GROUP)
@Version(FraudDetector.VERSION)
@Kind("FraudDetector")
@ShortNames("fd")
@AdditionalPrinterColumn(
        name = "Model",
        jsonPath = ".status.activeModelVersion",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Degraded",
        jsonPath = ".status.conditions[?(@.type==\"Degraded\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class FraudDetector extends CustomResource<FraudDetectorSpec, FraudDetectorStatus> implements Namespaced {
    public static final String GROUP = "centinela.pe";
    public static final String VERSION = "v1alpha1";
}
