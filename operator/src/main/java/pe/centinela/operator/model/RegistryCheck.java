package pe.centinela.operator.model;

import java.util.Set;

/**
 * What the model registry said about the versions a spec names: those it does not hold, or why it could not be asked
 * ({@code errorReason} non-null).
 */
public record RegistryCheck(Set<String> missing, String errorReason, String errorMessage) {

    public static RegistryCheck found(Set<String> missing) {
        return new RegistryCheck(Set.copyOf(missing), null, null);
    }

    public static RegistryCheck notAsked() {
        return found(Set.of());
    }

    public static RegistryCheck failed(String reason, String message) {
        return new RegistryCheck(Set.of(), reason, message);
    }

    public boolean failed() {
        return errorReason != null;
    }
}
