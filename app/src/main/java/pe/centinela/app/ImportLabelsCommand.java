package pe.centinela.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.labels.LabelFile;
import pe.centinela.core.time.LimaTime;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fraud import-labels}: labels that arrive late (chargebacks, confirmed fraud) onto the labels topic. */
@Command(
        name = "import-labels",
        mixinStandardHelpOptions = true,
        description = {
            "Import labels that arrive after the transactions (a chargeback or confirmed-fraud export): each row names a stored",
            "transaction and whether it was fraud. Labels of transactions on the canonical topic go to the labels topic, where scoring",
            "counts them and 'fraud train --from-topic' joins them (the latest decision winning); rows naming no stored transaction",
            "and unreadable rows go to the dead-letter topic with the reason. Kafka settings as for 'run'."
        })
public final class ImportLabelsCommand implements Callable<Integer> {

    static final String UNKNOWN_TRANSACTION = "unknown_transaction";

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file; .gz files are decompressed")
    Path file;

    @Option(
            names = "--map",
            paramLabel = "field=column",
            required = true,
            description = {
                "which column holds transaction_id, fraud_label and",
                "optionally decided_at (default: now), e.g. --map transaction_id=id_operacion --map fraud_label=contracargo"
            })
    List<String> maps = new ArrayList<>();

    @Option(names = "--timezone", description = "time zone of decided_at values without one (default: America/Lima)")
    String timeZone;

    @Option(names = "--delimiter", description = "field delimiter (default ',')")
    Character delimiter;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "settings file, as for 'run' (kafka.bootstrap-servers, topics.*)")
    Path configFile;

    @Option(names = "--dry-run", description = "check the file without reading the topics or publishing anything")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        LabelFile.Columns columns = LabelFile.columns(maps);
        List<LabelFile.Row> rows = read(columns);
        Console console = Console.standard();
        String source = "import:" + file.getFileName();
        // a dry run publishes nothing and reads nothing stored: it needs no settings at all
        PlatformConfig config = dryRun ? null : PlatformConfig.from(Settings.load(configFile, System.getenv()));
        console.title("Importing labels from " + file
                + (dryRun
                        ? " (dry run: nothing is published)"
                        : " into " + config.kafka().bootstrapServers()));
        if (!dryRun) {
            TopicAdmin.ensureTopics(config);
        }
        Map<String, Transaction> stored = dryRun ? Map.of() : storedById(config);
        long published = 0;
        long fraud = 0;
        List<DeadLetter> rejected = new ArrayList<>();
        Instant now = Instant.now();
        try (ImportOutput output = dryRun ? new ImportOutput.Counting() : new ImportOutput.ToKafka(config)) {
            for (LabelFile.Row row : rows) {
                if (!row.readable()) {
                    rejected.add(letter(source, row, row.problem()));
                    continue;
                }
                Transaction tx = stored.get(row.transactionId());
                if (tx == null && !dryRun) {
                    rejected.add(letter(
                            source,
                            row,
                            new Violation(
                                    LabelFile.TRANSACTION_ID,
                                    UNKNOWN_TRANSACTION,
                                    "no transaction " + row.transactionId()
                                            + " on the canonical topic (not imported yet, or older than its retention)",
                                    null)));
                    continue;
                }
                if (tx != null) {
                    output.label(new Label(
                            tx.transactionId(),
                            tx.accountId(),
                            tx.merchantId(),
                            row.fraud(),
                            null,
                            source,
                            row.decidedAt() != null ? row.decidedAt() : now,
                            tx.timestamp(),
                            tx.counterpartyAccount(),
                            tx.deviceId()));
                }
                published++;
                fraud += row.fraud() ? 1 : 0;
            }
            rejected.forEach(output::rejected);
            output.finish();
        }
        console.line(
                dryRun ? "readable" : "published",
                Console.count(published) + " labels (" + Console.count(fraud) + " fraud)");
        console.line(
                "rejected",
                Console.count(rejected.size())
                        + (rejected.isEmpty() ? "" : " (sent to the dead-letter topic with the reason)"));
        rejected.stream().limit(10).forEach(letter -> {
            Violation v = letter.reasons().get(0);
            console.line(
                    "",
                    letter.location() + (v.column() != null ? ", column " + v.column() : "") + ": " + v.field() + " "
                            + v.code() + ": " + v.message());
        });
        return 0;
    }

    private List<LabelFile.Row> read(LabelFile.Columns columns) throws IOException {
        List<LabelFile.Row> rows = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            LabelFile.read(
                    new InputStreamReader(in, StandardCharsets.UTF_8),
                    delimiter == null ? ',' : delimiter,
                    columns,
                    timeZone == null ? LimaTime.ZONE : ZoneId.of(timeZone),
                    rows::add);
        }
        return rows;
    }

    private static Map<String, Transaction> storedById(PlatformConfig config) {
        Map<String, Transaction> byId = new HashMap<>();
        for (Transaction tx : pe.centinela.scoring.training.StoredHistory.readAll(
                config, config.topics().transactions(), Transaction.class)) {
            byId.put(tx.transactionId(), tx);
        }
        return byId;
    }

    private DeadLetter letter(String source, LabelFile.Row row, Violation problem) {
        return new DeadLetter(
                source,
                "label-file",
                row.raw(),
                List.of(problem),
                Instant.now(),
                file.getFileName() + " line " + row.line());
    }
}
