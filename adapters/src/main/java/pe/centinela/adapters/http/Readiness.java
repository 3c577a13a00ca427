package pe.centinela.adapters.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What a process still waits for before it may take traffic: each component names its reason until it is ready. */
public final class Readiness {

    private final Map<String, String> waiting = new ConcurrentHashMap<>();

    public void waitFor(String component, String reason) {
        waiting.put(component, reason);
    }

    public void ready(String component) {
        waiting.remove(component);
    }

    /** Why the process is not ready, or empty when it is. */
    public Optional<String> notReadyReason() {
        return waiting.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", waiting.values()));
    }
}
