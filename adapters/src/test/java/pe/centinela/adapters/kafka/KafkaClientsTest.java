package pe.centinela.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;

class KafkaClientsTest {

    private static final PlatformConfig.Kafka KAFKA = PlatformConfig.from(
                    Settings.of(Map.of("kafka.bootstrap-servers", "k:9092")))
            .kafka();

    @Test
    void aMicroBatchWithAWaitHasTheBrokerHoldTheFetchForAFullBatchOrTheWait() {
        Map<String, String> c = KafkaClients.microBatchConsumer(KAFKA, "scoring", 500, Duration.ofMillis(5));
        assertThat(c)
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "200000")
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    }

    /** A zero wait must not become a fetch the broker answers at once, empty, again and again: that is a busy loop. */
    @Test
    void aMicroBatchWithoutAWaitIsAFetchThatReturnsOnItsFirstRecord() {
        Map<String, String> c = KafkaClients.microBatchConsumer(KAFKA, "scoring", 500, Duration.ZERO);
        assertThat(c)
                .doesNotContainKey(ConsumerConfig.FETCH_MIN_BYTES_CONFIG)
                .doesNotContainKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500")
                .isEqualTo(KafkaClients.consumer(KAFKA, "scoring", 500));
    }
}
