package pe.centinela.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.embedded.EmbeddedKafka;

class HopFloorIT {

    /** Every record offered while measuring arrives at the end of the three hops, and its latency is counted. */
    @Test
    void recordsOfferedWhileMeasuringArriveThroughTheThreeHops(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            JsonObject floor = new HopFloor(kafka.bootstrapServers()).measure(200, 1, 2);

            assertThat(floor.getLong("sent")).isBetween(390L, 400L);
            assertThat(floor.getLong("records")).isEqualTo(floor.getLong("sent"));
            assertThat(floor.getLong("refused")).isZero();
            assertThat(floor.getLong("p50_ms")).isPositive();
            assertThat(floor.getLong("p50_ms")).isLessThanOrEqualTo(floor.getLong("p99_ms"));
            assertThat(floor.getLong("p99_ms")).isLessThanOrEqualTo(floor.getLong("max_ms"));
            assertThat(HopFloor.describe(floor)).contains("200 tx/s through the same 3 broker hops");
        }
    }
}
