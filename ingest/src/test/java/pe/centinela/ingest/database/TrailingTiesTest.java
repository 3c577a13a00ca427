package pe.centinela.ingest.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrailingTiesTest {

    private static TablePoller.Row row(String position) {
        return new TablePoller.Row(new String[] {"t"}, new String[] {position}, position);
    }

    @Test
    void aFullBatchEndingInsideATimestampGroupLeavesTheGroupForTheNextPoll() {
        List<TablePoller.Row> rows = List.of(row("10:00"), row("10:01"), row("10:02"), row("10:02"));
        assertThat(DatabaseSourceVerticle.withoutTrailingTies(rows))
                .extracting(TablePoller.Row::position)
                .containsExactly("10:00", "10:01");
    }

    @Test
    void theLastPositionOfAFullBatchIsAlwaysLeftBecauseMoreRowsMayShareIt() {
        List<TablePoller.Row> rows = List.of(row("1"), row("2"), row("3"));
        assertThat(DatabaseSourceVerticle.withoutTrailingTies(rows))
                .extracting(TablePoller.Row::position)
                .containsExactly("1", "2");
    }

    @Test
    void aBatchThatIsOneGroupIsKeptWhole() {
        List<TablePoller.Row> rows = List.of(row("10:02"), row("10:02"));
        assertThat(DatabaseSourceVerticle.withoutTrailingTies(rows)).hasSize(2);
    }
}
