package pe.centinela.core.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.TransactionDecoder;
import pe.centinela.core.validation.Violation;

/**
 * What every source does with a record: decode and check it, then either accept the canonical transaction or
 * produce one dead letter with every reason. Each record ends as exactly one of the two. Not thread-safe.
 */
public final class Intake {

    /** Exactly one of the two is set. */
    public record Decision(pe.centinela.core.domain.Transaction transaction, DeadLetter deadLetter) {
        public boolean accepted() {
            return transaction != null;
        }
    }

    private final TransactionDecoder decoder;
    private final DataQualityChecks checks;
    private final QualityReport report;

    public Intake(TransactionDecoder decoder, DataQualityChecks checks, QualityReport report) {
        this.decoder = decoder;
        this.checks = checks;
        this.report = report;
    }

    public QualityReport report() {
        return report;
    }

    /** A JSON document, as received from Kafka or the REST API. */
    public Decision fromJson(byte[] payload, String rawText, SourceMetadata source, String location) {
        return decided(decoder.decode(payload, source), List.of(), rawText, source, location);
    }

    /** A record already turned into the canonical shape, e.g. a mapped CSV row, with the errors of that mapping. */
    public Decision fromNode(
            JsonNode node, List<Violation> formatErrors, String rawText, SourceMetadata source, String location) {
        return decided(decoder.decode(node, source), formatErrors, rawText, source, location);
    }

    private Decision decided(
            TransactionDecoder.Result decoded,
            List<Violation> formatErrors,
            String rawText,
            SourceMetadata source,
            String location) {
        if (!formatErrors.isEmpty()) {
            return reject(merge(formatErrors, decoded.violations()), rawText, source, location);
        }
        if (!decoded.valid()) {
            return reject(decoded.violations(), rawText, source, location);
        }
        DataQualityChecks.Outcome outcome = checks.check(decoded.transaction());
        if (!outcome.accepted()) {
            return reject(outcome.violations(), rawText, source, location);
        }
        return new Decision(outcome.transaction(), null);
    }

    /** Turns an accepted decision into a duplicate's dead letter. */
    public Decision duplicate(Decision accepted, String rawText, String location) {
        var tx = accepted.transaction();
        return reject(
                List.of(new Violation(
                        "transaction_id", "duplicate", "transaction " + tx.transactionId() + " was already received")),
                rawText,
                tx.source(),
                location);
    }

    /** Counts the final decision in the report. */
    public void count(Decision decision, SourceMetadata source) {
        if (decision.accepted()) {
            report.accepted(
                    source.name(), source.receivedAt(), decision.transaction().qualityFlags());
        } else {
            report.rejected(
                    source.name(), source.receivedAt(), decision.deadLetter().reasons());
        }
    }

    private static Decision reject(List<Violation> reasons, String rawText, SourceMetadata source, String location) {
        return new Decision(
                null, new DeadLetter(source.name(), source.kind(), rawText, reasons, source.receivedAt(), location));
    }

    private static List<Violation> merge(List<Violation> formatErrors, List<Violation> decoded) {
        Set<String> fields = new HashSet<>();
        formatErrors.forEach(v -> fields.add(v.field()));
        List<Violation> all = new ArrayList<>(formatErrors);
        for (Violation v : decoded) {
            if (!fields.contains(v.field())) {
                all.add(v);
            }
        }
        return all;
    }
}
