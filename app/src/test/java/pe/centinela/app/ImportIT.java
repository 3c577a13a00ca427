package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.embedded.EmbeddedKafka;
import pe.centinela.embedded.TopicReader;

/** {@code fraud import} into a real Kafka broker: every row ends as one transaction or one dead letter. */
class ImportIT {

    /** The shared data directory: {@code CENTINELA_SHARED_DATA}, or {@code shared/data} beside the checkout. */
    private static final Path SHARED_DATA = Path.of(
                    System.getenv().getOrDefault("CENTINELA_SHARED_DATA", "../../shared/data"))
            .toAbsolutePath()
            .normalize();

    private static final Path SPARKOV = SHARED_DATA.resolve("sparkov-1000cust-2019-2020.csv.gz");
    private static final int SPARKOV_ROWS = 150_000;
    private static final Path SPARKOV_MAPPING =
            Path.of("../examples/mappings/sparkov.properties").toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    static EmbeddedKafka kafka;
    static Path config;
    static Path sparkovConfig;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        config = dir.resolve("import.properties");
        Files.writeString(
                config,
                "kafka.bootstrap-servers=" + kafka.bootstrapServers()
                        + "\ntopics.transactions=it.tx\ntopics.dead-letters=it.dlq\n"
                        + "topics.raw=it.raw\ntopics.scores=it.scores\ntopics.alerts=it.alerts\n");
        sparkovConfig = dir.resolve("sparkov.properties");
        Files.writeString(
                sparkovConfig,
                "kafka.bootstrap-servers=" + kafka.bootstrapServers()
                        + "\ntopics.transactions=sp.tx\ntopics.dead-letters=sp.dlq\n"
                        + "topics.raw=sp.raw\ntopics.scores=sp.scores\ntopics.alerts=sp.alerts\n");
        // the topics exist before any import runs: a JVM that stalls for tens of seconds while the in-process broker
        // creates topics can leave that broker never creating their logs (reproduced by stopping the test JVM for 30 s
        // during the import's own topic creation: every record then expired after the 5-minute delivery timeout, as in
        // a CI run of 6 December); the imports below still check for their topics, and find them
        TopicAdmin.ensureTopics(PlatformConfig.from(Settings.load(config, Map.of())));
        TopicAdmin.ensureTopics(PlatformConfig.from(Settings.load(sparkovConfig, Map.of())));
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static Path sparkovExport() {
        assertThat(SPARKOV)
                .as("the shared Sparkov export: set CENTINELA_SHARED_DATA to the directory holding it"
                        + " (default: shared/data beside the checkout)")
                .exists();
        return SPARKOV;
    }

    private static String tail(String text, int chars) {
        return text.substring(Math.max(0, text.length() - chars));
    }

    /** The log lines of level WARN or ERROR, at most 60: what the broker and the clients said while a run failed. */
    private static String warnings(String output) {
        return output.lines()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .limit(60)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static long messages(String topic) throws Exception {
        return new TopicReader(kafka.bootstrapServers()).count(topic);
    }

    @Test
    void aLocalExportWithItsOwnFormatsIsImportedAndBadRowsNamedByLineAndColumn() throws Exception {
        Path csv = dir.resolve("export.csv");
        Files.writeString(
                csv,
                String.join(
                        "\n",
                        "id;cuenta;importe;fecha;comercio;rubro;canal",
                        "a1;acc-1;1.234,50;23/11/2026 09:15;m-1;5411;pos",
                        "a2;acc-1;-3,00;23/11/2026 09:16;m-1;5411;pos",
                        "a3;acc-2;15,00;2026-11-24;m-2;5411;pos",
                        "a1;acc-1;1.234,50;23/11/2026 09:15;m-1;5411;pos",
                        "a4;acc-3;\"8,00\";23/11/2026 09:20;m-3;1234;pos",
                        "a5;acc-3;9,90;22/11/2026 23:50;m-3;;wallet",
                        ""));
        Path errors = dir.resolve("errors.csv");
        Cli.Run run = Cli.fraud(
                "import",
                csv.toString(),
                "--config",
                config.toString(),
                "--delimiter",
                ";",
                "--decimal-separator",
                ",",
                "--map",
                "transaction_id=id",
                "--map",
                "account_id=cuenta",
                "--map",
                "amount=importe",
                "--map",
                "timestamp=fecha:dd/MM/yyyy HH:mm",
                "--map",
                "merchant_id=comercio",
                "--map",
                "merchant_category_code=rubro",
                "--map",
                "channel=canal",
                "--errors",
                errors.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "read        6 rows",
                        "accepted    2",
                        "rejected    4",
                        "line 3, column 3 (amount): amount must be greater than zero but is -3.00",
                        "line 4, column 4 (timestamp): timestamp '2026-11-24' does not match the format dd/MM/yyyy HH:mm",
                        "line 5, column 1 (transaction_id): transaction a1 was already received",
                        "line 6, column 6 (merchant_category_code): 1234 is not an assigned ISO 18245 merchant category code",
                        "imputed:merchant_category_code");
        assertThat(Files.readAllLines(errors)).hasSize(5).first().isEqualTo("location,column,field,code,message");
        assertThat(messages("it.tx")).isEqualTo(2);
        assertThat(messages("it.dlq")).isEqualTo(4);
    }

    @Test
    void aMappingThatNamesAMissingColumnStopsBeforeReadingAnything() throws Exception {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, "tx,acct\n1,2\n");
        Cli.Run run = Cli.fraud(
                "import",
                csv.toString(),
                "--dry-run",
                "--map",
                "transaction_id=tx",
                "--map",
                "account_id=account",
                "--map",
                "amount=amt",
                "--map",
                "timestamp=t",
                "--map",
                "merchant_id=m",
                "--map",
                "channel=c");
        assertThat(run.code()).isEqualTo(UserErrors.CONFIG_ERROR);
        assertThat(run.err())
                .contains("the file has no column 'account'", "its columns are: tx, acct")
                .doesNotContain("\tat ");
    }

    /**
     * The first {@value #SPARKOV_ROWS} rows of the shared Sparkov export, gzipped as it is: enough rows for every kind of
     * row the file holds, where the whole file (1.79 million rows) cost two minutes of the suite.
     */
    @Test
    void aSparkovExportIsImportedAndTheCountsAddUp() throws Exception {
        Path slice = dir.resolve("sparkov-slice.csv.gz");
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        new java.util.zip.GZIPInputStream(Files.newInputStream(sparkovExport())),
                        java.nio.charset.StandardCharsets.UTF_8));
                java.io.Writer out = new java.io.OutputStreamWriter(
                        new java.util.zip.GZIPOutputStream(Files.newOutputStream(slice)),
                        java.nio.charset.StandardCharsets.UTF_8)) {
            for (int line = 0; line <= SPARKOV_ROWS; line++) {
                out.write(in.readLine());
                out.write('\n');
            }
        }
        Cli.Run run = Cli.fraud(
                "import",
                slice.toString(),
                "--mapping",
                SPARKOV_MAPPING.toString(),
                "--config",
                sparkovConfig.toString(),
                "--source-name",
                "sparkov");
        assertThat(run.code())
                .as(
                        "%s%nwarnings and errors logged:%n%s%nlast output:%n%s",
                        run.err(), warnings(run.out()), tail(run.out(), 4_000))
                .isZero();
        assertThat(run.out()).contains(String.format(java.util.Locale.ROOT, "read        %,d rows", SPARKOV_ROWS));
        long accepted = Long.parseLong(
                run.out().replaceAll("(?s).*accepted\\s+([\\d,]+).*", "$1").replace(",", ""));
        long rejected = Long.parseLong(
                run.out().replaceAll("(?s).*rejected\\s+([\\d,]+).*", "$1").replace(",", ""));
        assertThat(accepted).isPositive();
        assertThat(accepted + rejected).isEqualTo(SPARKOV_ROWS);
        assertThat(messages("sp.tx")).as("canonical messages").isEqualTo(accepted);
        assertThat(messages("sp.dlq")).as("dead letters").isEqualTo(rejected);
    }
}
