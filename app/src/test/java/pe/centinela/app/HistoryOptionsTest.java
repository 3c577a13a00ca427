package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --train-start} is a day in the data's time zone. */
class HistoryOptionsTest {

    private static final Path SPARKOV_MAPPING = Path.of("../examples/mappings/sparkov.properties");

    private static HistoryOptions withTrainStart(String day) {
        HistoryOptions options = new HistoryOptions();
        options.trainStart = day;
        return options;
    }

    @Test
    void generatedHistoryStartsTrainingAtMidnightInLima() throws Exception {
        assertThat(withTrainStart("2026-01-15").trainStart()).isEqualTo(Instant.parse("2026-01-15T05:00:00Z"));
    }

    @Test
    void aMappedExportStartsTrainingAtMidnightInItsMappingsTimeZone() throws Exception {
        HistoryOptions lima = withTrainStart("2019-07-01");
        lima.data = Path.of("export.csv");
        lima.mappingFile = SPARKOV_MAPPING;
        HistoryOptions utc = withTrainStart("2019-07-01");
        utc.data = Path.of("export.csv");
        utc.mappingFile = SPARKOV_MAPPING;
        utc.maps = List.of("@timezone=UTC");
        assertThat(lima.trainStart()).isEqualTo(Instant.parse("2019-07-01T05:00:00Z"));
        assertThat(utc.trainStart()).isEqualTo(Instant.parse("2019-07-01T00:00:00Z"));
    }

    @Test
    void withoutTrainStartTrainingStartsAtTheFirstTransaction() throws Exception {
        assertThat(new HistoryOptions().trainStart()).isNull();
    }

    @Test
    void aTrainStartThatIsNotADateIsRefusedWithAnExample() {
        assertThatThrownBy(() -> withTrainStart("2019-13-01").trainStart())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--train-start '2019-13-01' is not a date such as 2019-07-01 (yyyy-MM-dd)");
    }
}
