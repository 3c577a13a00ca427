package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Size of one component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentSpec {

    @Min(0)
    @Max(100)
    @Default("1")
    @JsonPropertyDescription("Number of pods.")
    private Integer replicas;

    @JsonPropertyDescription("CPU and memory requests and limits of the component's container.")
    private ResourceRequirements resources;

    public int replicas() {
        return replicas == null ? 1 : replicas;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
