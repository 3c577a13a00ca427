package pe.centinela.app;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.csv.CsvWriter;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.mapping.ColumnMapping;
import pe.centinela.core.mapping.MappingException;
import pe.centinela.core.quality.DuplicateIndex;
import pe.centinela.core.quality.Intake;
import pe.centinela.core.quality.QualityReport;
import pe.centinela.core.time.LimaTime;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;
import pe.centinela.ingest.IntakeFactory;
import pe.centinela.ingest.file.CsvImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fraud import}: a CSV export (optionally gzipped) through a column mapping into the canonical topic. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import a CSV or gzipped CSV export: map its columns, check every row, and publish accepted rows to the",
            "canonical topic and rejected ones, with reasons, to the dead-letter topic. Kafka settings as for 'run'."
        })
public final class ImportCommand implements Callable<Integer> {

    private static final int ERRORS_SHOWN = 10;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file; .gz files are decompressed")
    Path file;

    @Option(
            names = "--map",
            paramLabel = "canonical=column[:format]",
            description = {
                "a column mapping, repeatable; e.g. amount=amt,",
                "timestamp=fecha:dd/MM/yyyy HH:mm, currency=const(USD), channel=category:map(shopping_net=ecommerce,*=pos)"
            })
    List<String> maps = new ArrayList<>();

    @Option(
            names = "--mapping",
            paramLabel = "FILE",
            description = "a properties file of mappings (--map entries override it)")
    Path mappingFile;

    @Option(names = "--timezone", description = "time zone of timestamps without one (default: America/Lima)")
    String timeZone;

    @Option(names = "--decimal-separator", description = "'.' (default) or ','")
    Character decimalSeparator;

    @Option(names = "--delimiter", description = "field delimiter (default ',')")
    Character delimiter;

    @Option(names = "--source-name", description = "source name recorded on every transaction (default: the file name)")
    String sourceName;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "settings file, as for 'run' (kafka.bootstrap-servers, topics.*)")
    Path configFile;

    @Option(names = "--dry-run", description = "check the file and print the report without publishing anything")
    boolean dryRun;

    @Option(
            names = "--errors",
            paramLabel = "FILE",
            description = "write every rejected row (line, column, field, code, message) to this CSV")
    Path errorsFile;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        ColumnMapping mapping = mapping();
        Settings settings = Settings.load(configFile, System.getenv());
        PlatformConfig.Ingest ingest = PlatformConfig.Ingest.from(settings);
        // a dry run publishes nothing: it reads the ingest section only, and needs no broker
        PlatformConfig config = dryRun ? null : PlatformConfig.from(settings);
        Console console = Console.standard();
        String source = sourceName != null ? sourceName : file.getFileName().toString();
        console.title("Importing " + file
                + (dryRun
                        ? " (dry run: nothing is published)"
                        : " into " + config.kafka().bootstrapServers()));
        if (!dryRun) {
            TopicAdmin.ensureTopics(config);
        }
        Intake intake = IntakeFactory.create(ingest, Clock.systemUTC());
        long fileSize = Files.size(file);
        try (ImportOutput output = dryRun ? new ImportOutput.Counting() : new ImportOutput.ToKafka(config);
                RejectionLog rejections = new RejectionLog(console, errorsFile, ERRORS_SHOWN)) {
            CountingStream counting = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            InputStream input = file.toString().endsWith(".gz") ? new GZIPInputStream(counting, 1 << 16) : counting;
            long started = System.nanoTime();
            ProgressBar bar = new ProgressBar(console, fileSize, counting);
            long rows = new CsvImporter(intake, new DuplicateIndex(ingest.duplicateHorizon()), Clock.systemUTC())
                    .run(
                            input,
                            mapping,
                            source,
                            new CsvImporter.Output() {
                                @Override
                                public void accepted(Transaction transaction) {
                                    output.accepted(transaction);
                                }

                                @Override
                                public void rejected(DeadLetter letter) {
                                    output.rejected(letter);
                                    rejections.add(letter);
                                }
                            },
                            bar::update);
            output.finish();
            bar.done();
            summary(console, rows, System.nanoTime() - started, intake.report(), rejections);
        }
        return 0;
    }

    private ColumnMapping mapping() throws IOException {
        ColumnMapping.Options options = new ColumnMapping.Options(
                timeZone == null ? LimaTime.ZONE : ZoneId.of(timeZone),
                decimalSeparator == null ? '.' : decimalSeparator,
                delimiter == null ? ',' : delimiter);
        if (mappingFile == null && maps.isEmpty()) {
            throw new MappingException(
                    "give a column mapping with --map canonical=column[:format] (repeatable) or --mapping FILE");
        }
        return mappingFile != null
                ? ColumnMapping.load(mappingFile, maps, options)
                : ColumnMapping.parse(maps, options);
    }

    private static void summary(Console console, long rows, long nanos, QualityReport report, RejectionLog rejections) {
        double seconds = nanos / 1e9;
        console.line(
                "read",
                Console.count(rows) + " rows in "
                        + String.format(Locale.ROOT, "%.1f s (%s rows/s)", seconds, Console.count((long)
                                (rows / Math.max(seconds, 1e-9)))));
        console.line("accepted", Console.count(report.accepted()));
        console.line(
                "rejected",
                Console.count(report.rejected())
                        + (rejections.hiddenCount() > 0
                                ? "   (" + rejections.hiddenCount() + " not shown above"
                                        + (rejections.writesFile()
                                                ? "; all are in " + rejections.file()
                                                : "; --errors FILE lists them all")
                                        + ")"
                                : ""));
        report.byReason().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> console.line(
                        "", String.format(Locale.ROOT, "%-40s %s", e.getKey(), Console.count(e.getValue()))));
        if (!report.byFlag().isEmpty()) {
            console.line("flagged", "(kept, with a quality flag)");
            report.byFlag().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> console.line(
                            "", String.format(Locale.ROOT, "%-40s %s", e.getKey(), Console.count(e.getValue()))));
        }
    }

    /** Counts the compressed bytes read, for the progress bar. */
    static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }

    /** Redraws at most twice a second. */
    private static final class ProgressBar {
        private final Console console;
        private final long total;
        private final CountingStream counting;
        private long lastDraw;

        ProgressBar(Console console, long total, CountingStream counting) {
            this.console = console;
            this.total = total;
            this.counting = counting;
        }

        void update(long rows) {
            long now = System.nanoTime();
            if (now - lastDraw > 500_000_000L) {
                lastDraw = now;
                console.progress(
                        "importing", Math.min(counting.count(), total - 1), total, Console.count(rows) + " rows");
            }
        }

        void done() {
            console.progress("importing", total, total, "");
        }
    }

    /** Shows the first rejections with line and column, and writes all of them to a file when asked. */
    private static final class RejectionLog implements AutoCloseable {
        private final Console console;
        private final Path file;
        private final BufferedWriter writer;
        private final int shown;
        private long count;

        RejectionLog(Console console, Path file, int shown) throws IOException {
            this.console = console;
            this.file = file;
            this.shown = shown;
            this.writer = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            if (writer != null) {
                writer.write("location,column,field,code,message\n");
            }
        }

        void add(DeadLetter letter) {
            count++;
            for (Violation v : letter.reasons()) {
                String column = v.column() == null ? "" : ", column " + v.column();
                if (count <= shown) {
                    console.plain("  " + letter.location() + column + " (" + v.field() + "): " + v.message());
                }
                if (writer != null) {
                    try {
                        writer.write(CsvWriter.spreadsheetCell(letter.location()) + ","
                                + (v.column() == null ? "" : v.column()) + "," + CsvWriter.spreadsheetCell(v.field())
                                + "," + CsvWriter.spreadsheetCell(v.code()) + ","
                                + CsvWriter.spreadsheetCell(v.message()) + "\n");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
                    }
                }
            }
        }

        long hiddenCount() {
            return Math.max(0, count - shown);
        }

        boolean writesFile() {
            return writer != null;
        }

        Path file() {
            return file;
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
