package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One key of a Secret in the same namespace. */
public class SecretKeyReference {

    /** A Kubernetes object name (DNS-1123 subdomain): no slash, so no path into another namespace. */
    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    public static final String KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

    private static final java.util.regex.Pattern VALID_NAME = java.util.regex.Pattern.compile(NAME_PATTERN);
    private static final java.util.regex.Pattern VALID_KEY = java.util.regex.Pattern.compile(KEY_PATTERN);

    @Required
    @Size(min = 1, max = 253)
    @Pattern(NAME_PATTERN)
    @JsonPropertyDescription("Name of the Secret, in the FraudDetector's namespace.")
    private String name;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(KEY_PATTERN)
    @JsonPropertyDescription("Key within the Secret.")
    private String key;

    public SecretKeyReference() {}

    public SecretKeyReference(String name, String key) {
        this.name = name;
        this.key = key;
    }

    /**
     * Whether the name and key are what the schema admits, checked again before the operator asks for the Secret: a
     * name with a slash or dots could otherwise address a path other than this namespace's Secret.
     */
    @JsonIgnore
    public boolean isWellFormed() {
        return name != null
                && name.length() <= 253
                && VALID_NAME.matcher(name).matches()
                && key != null
                && key.length() <= 253
                && VALID_KEY.matcher(key).matches();
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
