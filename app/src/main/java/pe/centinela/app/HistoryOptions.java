package pe.centinela.app;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.time.LimaTime;
import picocli.CommandLine.Option;

/** Where a labelled history comes from: a mapped CSV export, or the generator. Shared by train and backtest. */
final class HistoryOptions {

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "labelled CSV export (.gz too); without it, generated data")
    Path data;

    @Option(names = "--mapping", paramLabel = "FILE", description = "column mapping file for --data")
    Path mappingFile;

    @Option(names = "--map", paramLabel = "canonical=column[:format]", description = "column mapping entry, repeatable")
    List<String> maps = new ArrayList<>();

    @Option(
            names = "--from-topic",
            description = "train on the platform's stored history: the canonical topic, read from its beginning")
    boolean fromTopic;

    @Option(names = "--config", paramLabel = "FILE", description = "settings file for --from-topic, as for 'run'")
    Path configFile;

    @Option(
            names = "--generated-accounts",
            defaultValue = "5000",
            description = "accounts of the generated history (default: ${DEFAULT-VALUE})")
    int accounts;

    @Option(
            names = "--fraud-rate",
            defaultValue = "0.005",
            description = "fraud rate of the generated history (default: ${DEFAULT-VALUE})")
    double fraudRate;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--train-start",
            paramLabel = "DATE",
            description = {
                "first day of training, yyyy-MM-dd in the data's time zone (the mapping's",
                "@timezone, America/Lima by default; Lima for generated and stored history); the history before it only warms",
                "the accounts', merchants' and devices' state (default: the first transaction)"
            })
    String trainStart;

    final long[] rejected = {0};

    Iterator<Transaction> open() throws java.io.IOException {
        if (fromTopic) {
            if (data != null) {
                throw new IllegalArgumentException("give either --data or --from-topic, not both");
            }
            return pe.centinela.scoring.training.StoredHistory.read(pe.centinela.core.config.PlatformConfig.from(
                            pe.centinela.core.config.Settings.load(configFile, System.getenv())))
                    .iterator();
        }
        return data != null
                ? HistorySource.csv(data, HistorySource.mapping(mappingFile, maps), rejected)
                : HistorySource.generated(seed, accounts, fraudRate, Instant.parse("2026-01-01T05:00:00Z"));
    }

    /** Midnight of {@code --train-start} in the data's time zone, or null when it is not given. */
    Instant trainStart() throws java.io.IOException {
        if (trainStart == null) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(trainStart.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--train-start '" + trainStart + "' is not a date such as 2019-07-01 (yyyy-MM-dd)");
        }
        ZoneId zone = data != null && !fromTopic
                ? HistorySource.mapping(mappingFile, maps).options().timeZone()
                : LimaTime.ZONE;
        return day.atStartOfDay(zone).toInstant();
    }

    String name() {
        if (fromTopic) {
            return "the stored history (canonical topic)";
        }
        return data != null ? data.toString() : "generated data (seed " + seed + ", " + accounts + " accounts)";
    }
}
