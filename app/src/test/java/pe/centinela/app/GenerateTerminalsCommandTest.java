package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateTerminalsCommandTest {

    private String err = "";

    private int fraud(String... args) {
        StringWriter errors = new StringWriter();
        CommandLine cli = FraudCommand.commandLine();
        cli.setErr(new PrintWriter(errors, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code = cli.execute(args);
        err = errors.toString();
        return code;
    }

    @Test
    void writesTheTerminalsShapeAsGzippedCsv(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("terminals.csv.gz");
        assertThat(fraud(
                        "generate",
                        "--shape",
                        "terminals",
                        "--rows",
                        "2000",
                        "--out",
                        file.toString(),
                        "--seed",
                        "5",
                        "--accounts",
                        "600",
                        "--start",
                        "2025-06-01T00:00:00-05:00"))
                .as(err)
                .isZero();
        List<String> lines = gunzipLines(file);
        assertThat(lines).hasSize(2001);
        assertThat(lines.get(0)).isEqualTo("transaction_id,timestamp,account_id,terminal_id,amount,fraud");
        assertThat(lines.get(1))
                .matches(
                        "tx-0000000001,2025-06-01T\\d\\d:\\d\\d:\\d\\d-05:00,acct-000\\d{3},term-\\d{5},\\d+\\.\\d\\d,[01]");
    }

    @Test
    void demoStaysTheDefaultShape(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("demo.csv");
        assertThat(fraud("generate", "--rows", "10", "--out", file.toString()))
                .as(err)
                .isZero();
        assertThat(Files.readAllLines(file).get(0)).startsWith("transaction_id,account_id,amount,currency");
    }

    @Test
    void aFraudRateForTheTerminalsShapeIsAClearError(@TempDir Path dir) {
        assertThat(fraud(
                        "generate",
                        "--shape",
                        "terminals",
                        "--rows",
                        "10",
                        "--out",
                        dir.resolve("x.csv").toString(),
                        "--fraud-rate",
                        "0.02"))
                .isNotZero();
        assertThat(err).contains("--fraud-rate applies to --shape demo only").doesNotContain("\tat ");
    }

    @Test
    void aStartWithoutOffsetIsAClearError(@TempDir Path dir) {
        assertThat(fraud(
                        "generate",
                        "--shape",
                        "terminals",
                        "--rows",
                        "10",
                        "--out",
                        dir.resolve("x.csv").toString(),
                        "--start",
                        "2025-03-01"))
                .isNotZero();
        assertThat(err)
                .contains("--start '2025-03-01' is not an ISO-8601 time with offset")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnknownShapeIsAUsageError(@TempDir Path dir) {
        assertThat(fraud(
                        "generate",
                        "--shape",
                        "merchants",
                        "--rows",
                        "10",
                        "--out",
                        dir.resolve("x.csv").toString()))
                .isEqualTo(2);
        assertThat(err).contains("--shape").doesNotContain("\tat ");
    }

    private static List<String> gunzipLines(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
