package pe.centinela.operator.planning;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The registries a FraudDetector's image may come from. A prefix ends with {@code /}, so {@code ghcr.io/centinela/}
 * never admits {@code ghcr.io/centinela-evil/}; an image must be a well-formed reference (docker's grammar: no
 * {@code ..}, no upper case in the path, {@code @} only before a sha256 digest) before its prefix is compared.
 */
public final class ImagePolicy {

    public static final String ENV = "ALLOWED_IMAGE_PREFIXES";

    private static final String DOMAIN =
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PREFIX = Pattern.compile(DOMAIN + "/(?:" + PATH_COMPONENT + "/)*");
    private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/"
            + PATH_COMPONENT + ")*" + "(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");

    private final List<String> prefixes;

    private ImagePolicy(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    /**
     * The policy from a comma-separated list, e.g. {@code ghcr.io/centinela/,registry.bank.pe/fraud/}.
     *
     * @throws IllegalArgumentException naming {@value #ENV} when the list is empty or a prefix is not a registry
     *                                  host followed by whole path components, ending with {@code /}
     */
    public static ImagePolicy parse(String text) {
        List<String> prefixes = Arrays.stream(text == null ? new String[0] : text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException(
                    ENV + " is empty: name the registry prefixes FraudDetector images may come from, "
                            + "comma separated, e.g. ghcr.io/centinela/");
        }
        for (String prefix : prefixes) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException(
                        ENV + ": \"" + prefix + "\" is not a registry prefix: a host, optionally "
                                + "followed by path components, ending with /, e.g. ghcr.io/centinela/");
            }
        }
        return new ImagePolicy(prefixes);
    }

    public boolean allows(String image) {
        return image != null
                && REFERENCE.matcher(image).matches()
                && prefixes.stream().anyMatch(image::startsWith);
    }

    public List<String> prefixes() {
        return prefixes;
    }

    /** Why {@code image} is refused, for the FraudDetector's status. */
    public String refusal(String image) {
        return "Image " + image + " is not allowed: images must be well-formed references starting with one of "
                + String.join(", ", prefixes) + " (the operator's " + ENV + "); no Deployments are created or changed";
    }
}
