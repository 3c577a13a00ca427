package pe.centinela.operator.planning;

import java.util.Map;
import java.util.Set;

/**
 * What the model registry said about the versions a spec names: those it does not hold, those whose stored bundle
 * does not match its recorded sha256, those whose bundle is unsigned or not signed by a trusted key (with why), or why
 * it could not be asked ({@code errorReason} non-null).
 */
public record RegistryCheck(
        Set<String> missing,
        Set<String> mismatched,
        Map<String, String> unverified,
        String errorReason,
        String errorMessage) {

    public static RegistryCheck found(Set<String> missing, Set<String> mismatched, Map<String, String> unverified) {
        return new RegistryCheck(Set.copyOf(missing), Set.copyOf(mismatched), Map.copyOf(unverified), null, null);
    }

    public static RegistryCheck found(Set<String> missing, Set<String> mismatched) {
        return found(missing, mismatched, Map.of());
    }

    public static RegistryCheck found(Set<String> missing) {
        return found(missing, Set.of());
    }

    public static RegistryCheck notAsked() {
        return found(Set.of());
    }

    public static RegistryCheck failed(String reason, String message) {
        return new RegistryCheck(Set.of(), Set.of(), Map.of(), reason, message);
    }

    public boolean failed() {
        return errorReason != null;
    }

    /** Whether {@code version} may not be served: the registry lacks it, or its bundle fails its checksum or signature. */
    public boolean refuses(String version) {
        return missing.contains(version) || mismatched.contains(version) || unverified.containsKey(version);
    }
}
