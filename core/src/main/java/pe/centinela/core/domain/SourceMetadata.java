package pe.centinela.core.domain;

import java.time.Instant;

/**
 * Where a transaction came from and when it was seen.
 *
 * @param name          the configured source name, e.g. {@code core-banking-export}
 * @param kind          the kind of source: kafka, rest, file, database, generator
 * @param extractedAt   when the source produced the record, if it says
 * @param receivedAt    when the platform received it
 * @param schemaVersion the canonical schema version the record was converted to
 */
public record SourceMetadata(String name, String kind, Instant extractedAt, Instant receivedAt, int schemaVersion) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public SourceMetadata withReceivedAt(Instant received) {
        return new SourceMetadata(name, kind, extractedAt, received, schemaVersion);
    }
}
