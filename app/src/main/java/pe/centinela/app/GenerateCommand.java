package pe.centinela.app;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import pe.centinela.generator.FraudScenario;
import pe.centinela.generator.GeneratedCsv;
import pe.centinela.generator.GeneratedTransaction;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import pe.centinela.generator.terminals.TerminalsFile;
import pe.centinela.generator.terminals.TerminalsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fraud generate}: labelled transactions as CSV, in one of two shapes: the demo's (with scenario names), or
 * the six-column terminals data set for checking models on data they were not tuned on.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description =
                "Write generated Peruvian transactions with labelled fraud as CSV (gzipped when FILE ends in .gz).")
public final class GenerateCommand implements Callable<Integer> {

    /** Which data set to write. */
    enum Shape {
        DEMO,
        TERMINALS
    }

    private static final int DEMO_ACCOUNTS = 5000;
    private static final double DEMO_FRAUD_RATE = 0.005;
    private static final String DEMO_START = "2026-01-01T00:00:00-05:00";

    @Option(
            names = "--shape",
            defaultValue = "demo",
            paramLabel = "demo|terminals",
            description =
                    "demo: the demo's transactions with channels, MCCs and scenario names; terminals: six columns "
                            + "(transaction_id,timestamp,account_id,terminal_id,amount,fraud) with other fraud patterns (default: ${DEFAULT-VALUE})")
    Shape shape;

    @Option(names = "--rows", required = true, description = "number of transactions to write")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "random seed; the same seed gives the same rows (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--accounts",
            description = "number of accounts (default: " + DEMO_ACCOUNTS + " for demo, "
                    + TerminalsSettings.DEFAULT_ACCOUNTS + " for terminals)")
    Integer accounts;

    @Option(
            names = "--fraud-rate",
            description = "share of fraudulent transactions, demo shape only (default: " + DEMO_FRAUD_RATE + ")")
    Double fraudRate;

    @Option(
            names = "--start",
            description = "simulated time of the first row, ISO-8601 with offset (default: " + DEMO_START
                    + " for demo, " + TerminalsSettings.DEFAULT_START + " for terminals)")
    String start;

    @Override
    public Integer call() throws IOException {
        if (rows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1");
        }
        if (accounts != null && accounts < 1) {
            throw new IllegalArgumentException("--accounts must be at least 1");
        }
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        return shape == Shape.TERMINALS ? writeTerminals() : writeDemo();
    }

    private int writeDemo() throws IOException {
        Instant startAt = startOr(DEMO_START);
        GeneratorSettings settings = GeneratorSettings.defaults(seed, startAt)
                .withAccounts(accounts == null ? DEMO_ACCOUNTS : accounts)
                .withFraudRate(fraudRate == null ? DEMO_FRAUD_RATE : fraudRate);
        TransactionGenerator generator = new TransactionGenerator(settings);
        Console console = Console.standard();
        Map<FraudScenario, Long> byScenario = new EnumMap<>(FraudScenario.class);
        long started = System.nanoTime();
        try (Writer writer = open(out)) {
            GeneratedCsv.writeHeader(writer);
            long step = Math.max(1, rows / 50);
            for (long i = 1; i <= rows; i++) {
                GeneratedTransaction row = generator.next();
                GeneratedCsv.writeRow(row, writer);
                byScenario.merge(row.scenario(), 1L, Long::sum);
                if (i % step == 0 || i == rows) {
                    console.progress("generating", i, rows, Console.count(i) + " rows");
                }
            }
        }
        long frauds = rows - byScenario.getOrDefault(FraudScenario.NONE, 0L);
        console.line(
                "wrote",
                Console.count(rows) + " rows to " + out + " in " + Console.seconds(System.nanoTime() - started));
        console.line("frauds", Console.count(frauds) + String.format(Locale.ROOT, " (%.2f %%)", 100.0 * frauds / rows));
        byScenario.forEach((scenario, n) -> {
            if (scenario != FraudScenario.NONE) {
                console.line("", String.format(Locale.ROOT, "%-18s %s", scenario.code(), Console.count(n)));
            }
        });
        console.line("time span", startAt + " to " + generator.clock());
        return 0;
    }

    private int writeTerminals() throws IOException {
        if (fraudRate != null) {
            throw new IllegalArgumentException(
                    "--fraud-rate applies to --shape demo only; the terminals shape's fraud share "
                            + "follows from its incident rates (about 0.8 %)");
        }
        TerminalsSettings settings = TerminalsSettings.of(
                seed,
                accounts == null ? TerminalsSettings.DEFAULT_ACCOUNTS : accounts,
                startOr(TerminalsSettings.DEFAULT_START));
        Console console = Console.standard();
        long started = System.nanoTime();
        TerminalsFile.Summary summary;
        try (Writer writer = open(out)) {
            summary = TerminalsFile.write(
                    settings,
                    rows,
                    writer,
                    done -> console.progress("generating", done, rows, Console.count(done) + " rows"));
        }
        console.line(
                "wrote",
                Console.count(rows) + " rows to " + out + " in " + Console.seconds(System.nanoTime() - started));
        console.line(
                "accounts",
                Console.count(settings.accounts()) + " at " + Console.count(settings.terminals()) + " terminals");
        console.line(
                "frauds",
                Console.count(summary.frauds())
                        + String.format(Locale.ROOT, " (%.2f %%)", 100.0 * summary.frauds() / rows));
        summary.incidents()
                .forEach((pattern, incidents) -> console.line(
                        "",
                        String.format(
                                Locale.ROOT,
                                "%-21s %9s rows in %s incidents",
                                pattern.code(),
                                Console.count(summary.rowsByPattern().getOrDefault(pattern, 0L)),
                                Console.count(incidents))));
        console.line(
                "time span",
                summary.firstTimestamp() + " to " + summary.lastTimestamp()
                        + String.format(Locale.ROOT, " (%.1f days)", summary.days()));
        return 0;
    }

    private Instant startOr(String defaultStart) {
        String text = start == null ? defaultStart : start;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--start '" + text + "' is not an ISO-8601 time with offset such as " + defaultStart);
        }
    }

    private static Writer open(Path file) throws IOException {
        var stream = Files.newOutputStream(file);
        var maybeGzip = file.toString().endsWith(".gz") ? new GZIPOutputStream(stream, 1 << 16) : stream;
        return new BufferedWriter(new OutputStreamWriter(maybeGzip, StandardCharsets.UTF_8), 1 << 16);
    }
}
