package pe.centinela.core.validation;

import java.time.Instant;
import java.util.List;

/**
 * A rejected record as published to the dead-letter topic: the original payload untouched, where it came from
 * and every reason it was rejected.
 *
 * @param sourceName the configured source
 * @param sourceKind kafka, rest, file or database
 * @param payload    the record exactly as received (a JSON document, a CSV line, a database row as JSON)
 * @param reasons    every problem found
 * @param receivedAt when it arrived
 * @param location   where in the source it was, e.g. {@code line 1203} or {@code partition 2 offset 881}; may be null
 */
public record DeadLetter(
        String sourceName,
        String sourceKind,
        String payload,
        List<Violation> reasons,
        Instant receivedAt,
        String location) {}
