package pe.centinela.core.validation;

import java.time.Instant;
import java.util.List;

/**
 * A rejected record as published to the dead-letter topic: the original payload untouched, where it came from
 * and every reason it was rejected.
 */
public record DeadLetter(String sourceName, String sourceKind, String payload, List<Violation> reasons, Instant receivedAt) {
}
