package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One key of a Secret in the same namespace. */
public class SecretKeyReference {

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Name of the Secret.")
    private String name;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Key within the Secret.")
    private String key;

    public SecretKeyReference() {
    }

    public SecretKeyReference(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
