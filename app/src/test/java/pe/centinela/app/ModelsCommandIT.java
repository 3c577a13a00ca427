package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.embedded.EmbeddedPostgresServer;

/** fraud train, then fraud models publish / promote / list / rollback against a real PostgreSQL. */
class ModelsCommandIT {

    @TempDir
    static Path dir;

    static EmbeddedPostgresServer postgres;
    static Path config;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.forTests(dir.resolve("pg"), 0).start();
        config = dir.resolve("fraud.properties");
        Files.writeString(
                config,
                "postgres.host=127.0.0.1\npostgres.port=" + postgres.port()
                        + "\npostgres.database=postgres\npostgres.user=postgres\n");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Path train(String seed) throws Exception {
        Path models = dir.resolve("models-" + seed);
        Path keys = dir.resolve("keys");
        if (!Files.exists(keys)) {
            assertThat(Cli.fraud("models", "keygen", "--out", keys.toString()).code())
                    .isZero();
        }
        Cli.Run run = Cli.fraud(
                "train",
                "--generated-rows",
                "5000",
                "--generated-accounts",
                "300",
                "--fraud-rate",
                "0.03",
                "--model",
                "logistic",
                "--model-dir",
                models.toString(),
                "--seed",
                seed,
                "--signing-key",
                keys.resolve("model-signing.pem").toString());
        assertThat(run.code()).as(run.err()).isZero();
        try (var bundles = Files.list(models)) {
            return bundles.findFirst().orElseThrow();
        }
    }

    @Test
    void aTrainedBundleIsPublishedPromotedAndRolledBack() throws Exception {
        Path first = train("1");
        Path second = train("2");
        String v1 = first.getFileName().toString();
        String v2 = second.getFileName().toString();

        assertThat(Cli.fraud("models", "publish", first.toString(), "--config", config.toString())
                        .out())
                .contains("published " + v1);
        assertThat(Cli.fraud("models", "promote", v1, "--config", config.toString())
                        .out())
                .contains(v1 + " is active");
        Cli.Run nothingEarlier = Cli.fraud("models", "rollback", "--config", config.toString());
        assertThat(nothingEarlier.code()).isEqualTo(1);
        assertThat(nothingEarlier.err()).contains("replaced nothing").doesNotContain("\tat ");

        assertThat(v2).isNotEqualTo(v1);
        Cli.fraud("models", "publish", second.toString(), "--config", config.toString());
        assertThat(Cli.fraud("models", "promote", v2, "--config", config.toString())
                        .out())
                .contains("it replaced " + v1);
        assertThat(Cli.fraud("models", "rollback", "--config", config.toString())
                        .out())
                .contains(v1 + " is active again");
        List<String> listed = Cli.fraud("models", "list", "--config", config.toString())
                .out()
                .lines()
                .toList();
        assertThat(listed.get(0)).startsWith("VERSION");
        assertThat(listed).anySatisfy(line -> assertThat(line).startsWith(v1).contains("active"));
    }
}
