package pe.centinela.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;

class TopicFollowerTest {

    private static final PlatformConfig.Kafka KAFKA = PlatformConfig.from(
                    Settings.of(Map.of("kafka.bootstrap-servers", "k:9092")))
            .kafka();

    @Test
    void aFollowerThatGathersHasTheBrokerHoldItsFetchesUpToTheGather() {
        Map<String, String> c = TopicFollower.settings(KAFKA, "key-activity", Duration.ofMillis(100));
        assertThat(c)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100")
                .containsKey(ConsumerConfig.FETCH_MIN_BYTES_CONFIG)
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    @Test
    void aFollowerThatDoesNotGatherGetsEachRecordAsSoonAsItIsWritten() {
        Map<String, String> c = TopicFollower.settings(KAFKA, "decision-replies", Duration.ZERO);
        assertThat(c)
                .doesNotContainKey(ConsumerConfig.FETCH_MIN_BYTES_CONFIG)
                .doesNotContainKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }
}
