package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.generator.terminals.TerminalsFile;
import pe.centinela.generator.terminals.TerminalsSettings;

/** The terminals data set read back as train and backtest read it: through its example mapping, with nothing rejected. */
class TerminalsMappingTest {

    private static final Path MAPPING = Path.of("../examples/mappings/terminals.properties");

    @Test
    void everyGeneratedRowIsReadThroughTheExampleMapping(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("terminals.csv");
        TerminalsFile.Summary summary;
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            summary = TerminalsFile.write(TerminalsSettings.defaults(9), 20_000, writer, done -> {});
        }
        List<String> lines = Files.readAllLines(file);
        long[] rejected = {0};
        List<Transaction> read = new ArrayList<>();
        Iterator<Transaction> history = HistorySource.csv(file, HistorySource.mapping(MAPPING, List.of()), rejected);
        history.forEachRemaining(read::add);

        assertThat(rejected[0]).isZero();
        assertThat(read).hasSize(20_000);
        assertThat(read.stream()
                        .filter(t -> Boolean.TRUE.equals(t.fraudLabel()))
                        .count())
                .isEqualTo(summary.frauds());
        String[] first = lines.get(1).split(",", -1);
        Transaction firstRead = read.get(0);
        assertThat(firstRead.transactionId()).isEqualTo(first[0]);
        assertThat(firstRead.timestamp())
                .isEqualTo(OffsetDateTime.parse(first[1]).toInstant());
        assertThat(firstRead.accountId()).isEqualTo(first[2]);
        assertThat(firstRead.merchantId()).isEqualTo(first[3]);
        assertThat(firstRead.amount()).isEqualByComparingTo(first[4]);
        assertThat(firstRead.channel()).isEqualTo(Channel.POS);
        assertThat(firstRead.currency()).isEqualTo("PEN");
    }
}
