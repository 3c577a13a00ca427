package pe.centinela.ingest.file;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.csv.CsvReader;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.mapping.ColumnMapping;
import pe.centinela.core.quality.DuplicateIndex;
import pe.centinela.core.quality.Intake;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;

/**
 * Reads a CSV export through a column mapping and checks every row: each row ends as exactly one canonical
 * transaction or one dead letter naming its line and the columns at fault. Plain Java; the caller decides where
 * the results go.
 */
public final class CsvImporter {

    /** Where accepted and rejected rows go. */
    public interface Output {
        void accepted(pe.centinela.core.domain.Transaction transaction);

        void rejected(DeadLetter letter);
    }

    /** Told now and then how far the import got. */
    public interface Progress {
        void rows(long rowsRead);
    }

    private final Intake intake;
    private final DuplicateIndex duplicates;
    private final Clock clock;

    public CsvImporter(Intake intake, DuplicateIndex duplicates, Clock clock) {
        this.intake = intake;
        this.duplicates = duplicates;
        this.clock = clock;
    }

    /** Imports all rows; the reader is closed at the end. Returns the number of data rows read. */
    public long run(
            java.io.InputStream input, ColumnMapping mapping, String sourceName, Output output, Progress progress)
            throws IOException {
        Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8);
        try (CsvReader csv = new CsvReader(reader, mapping.options().delimiter())) {
            CsvReader.Row header = csv.next(false);
            if (header == null) {
                throw new IOException("the file is empty: expected a header line with column names");
            }
            ColumnMapping.Bound bound = mapping.bind(header.fields());
            long rows = 0;
            CsvReader.Row row;
            while ((row = nextRow(csv, sourceName, output)) != null) {
                rows++;
                SourceMetadata source = new SourceMetadata(
                        sourceName, "file", null, clock.instant(), SourceMetadata.CURRENT_SCHEMA_VERSION);
                Intake.Decision decision = decide(bound, row, source);
                intake.count(decision, source);
                if (decision.accepted()) {
                    output.accepted(decision.transaction());
                } else {
                    output.rejected(decision.deadLetter());
                }
                if ((rows & 0x3FFF) == 0) {
                    progress.rows(rows);
                }
            }
            progress.rows(rows);
            return rows;
        }
    }

    private CsvReader.Row nextRow(CsvReader csv, String sourceName, Output output) throws IOException {
        try {
            return csv.next(true);
        } catch (CsvReader.MalformedCsvException e) {
            SourceMetadata source = new SourceMetadata(
                    sourceName, "file", null, clock.instant(), SourceMetadata.CURRENT_SCHEMA_VERSION);
            DeadLetter letter = new DeadLetter(
                    sourceName,
                    "file",
                    "",
                    List.of(new Violation("record", "malformed_csv", e.getMessage(), e.column())),
                    source.receivedAt(),
                    "line " + e.line());
            Intake.Decision decision = new Intake.Decision(null, letter);
            intake.count(decision, source);
            output.rejected(letter);
            return null;
        }
    }

    private Intake.Decision decide(ColumnMapping.Bound bound, CsvReader.Row row, SourceMetadata source) {
        String location = "line " + row.line();
        ColumnMapping.Bound.Converted converted = bound.convert(row.fields());
        Intake.Decision decision =
                intake.fromNode(converted.node(), converted.formatErrors(), row.raw(), source, location);
        if (decision.accepted()
                && !duplicates.firstSeen(
                        decision.transaction().transactionId(),
                        decision.transaction().timestamp())) {
            decision = intake.duplicate(decision, row.raw(), location);
        }
        if (decision.accepted()) {
            return decision;
        }
        List<Violation> located =
                new ArrayList<>(decision.deadLetter().reasons().size());
        for (Violation v : decision.deadLetter().reasons()) {
            located.add(v.column() != null ? v : v.atColumn(bound.columnOf(v.field())));
        }
        DeadLetter d = decision.deadLetter();
        return new Intake.Decision(
                null,
                new DeadLetter(d.sourceName(), d.sourceKind(), d.payload(), located, d.receivedAt(), d.location()));
    }
}
