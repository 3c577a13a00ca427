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
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import pe.centinela.core.generator.FraudScenario;
import pe.centinela.core.generator.GeneratedCsv;
import pe.centinela.core.generator.GeneratedTransaction;
import pe.centinela.core.generator.GeneratorSettings;
import pe.centinela.core.generator.TransactionGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fraud generate}: the demo's transactions, with labels and scenario names, as CSV. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write generated Peruvian transactions with labelled fraud scenarios as CSV (gzipped when FILE ends in .gz).")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--rows", required = true, description = "number of transactions to write")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed; the same seed gives the same rows (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--accounts", defaultValue = "5000", description = "number of accounts (default: ${DEFAULT-VALUE})")
    int accounts;

    @Option(names = "--fraud-rate", defaultValue = "0.005", description = "share of fraudulent transactions (default: ${DEFAULT-VALUE})")
    double fraudRate;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00-05:00", description = "simulated time of the first row, ISO-8601 with offset (default: ${DEFAULT-VALUE})")
    String start;

    @Override
    public Integer call() throws IOException {
        if (rows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1");
        }
        Instant startAt = OffsetDateTime.parse(start).toInstant();
        GeneratorSettings settings = GeneratorSettings.defaults(seed, startAt).withAccounts(accounts).withFraudRate(fraudRate);
        TransactionGenerator generator = new TransactionGenerator(settings);
        Console console = Console.standard();
        Map<FraudScenario, Long> byScenario = new EnumMap<>(FraudScenario.class);
        long started = System.nanoTime();
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
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
        console.line("wrote", Console.count(rows) + " rows to " + out + " in " + Console.seconds(System.nanoTime() - started));
        console.line("frauds", Console.count(frauds) + String.format(java.util.Locale.ROOT, " (%.2f %%)", 100.0 * frauds / rows));
        byScenario.forEach((scenario, n) -> {
            if (scenario != FraudScenario.NONE) {
                console.line("", String.format(java.util.Locale.ROOT, "%-18s %s", scenario.code(), Console.count(n)));
            }
        });
        console.line("time span", startAt + " to " + generator.clock());
        return 0;
    }

    private static Writer open(Path file) throws IOException {
        var stream = Files.newOutputStream(file);
        var maybeGzip = file.toString().endsWith(".gz") ? new GZIPOutputStream(stream, 1 << 16) : stream;
        return new BufferedWriter(new OutputStreamWriter(maybeGzip, StandardCharsets.UTF_8), 1 << 16);
    }
}
