package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A model version that scores a share of the traffic in place of the active one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanarySpec {

    @Required
    @Pattern(ModelSpec.VERSION_PATTERN)
    @JsonPropertyDescription("Version of the canary model in the registry.")
    private String version;

    @Required
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Share of the traffic the canary scores, in [0, 1].")
    private Double share;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Double getShare() {
        return share;
    }

    public void setShare(Double share) {
        this.share = share;
    }
}
