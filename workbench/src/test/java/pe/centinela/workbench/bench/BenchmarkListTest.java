package pe.centinela.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * JMH's annotation processor ran: without its list of benchmarks, {@code fraud bench scoring} fails at once ("Unable
 * to find the resource: /META-INF/BenchmarkList"), as it did when Error Prone's processor path hid JMH's.
 */
class BenchmarkListTest {

    @Test
    void theScoringBenchmarksAreListedForJmh() throws Exception {
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(list).as("META-INF/BenchmarkList").isNotNull();
            String listed = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(listed).contains(ScoringBenchmarks.class.getName()).contains("javaForwardPass");
        }
    }
}
