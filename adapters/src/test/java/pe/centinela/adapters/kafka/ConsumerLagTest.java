package pe.centinela.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    private static final TopicPartition RAW_0 = new TopicPartition("fraud.transactions.raw", 0);
    private static final TopicPartition RAW_1 = new TopicPartition("fraud.transactions.raw", 1);
    private static final TopicPartition TX_0 = new TopicPartition("fraud.transactions", 0);

    @Test
    void lagIsTheSumOverPartitionsOfEndMinusCommitted() {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = Map.of(
                "centinela-ingest", Map.of(RAW_0, new OffsetAndMetadata(90), RAW_1, new OffsetAndMetadata(40)),
                "centinela-scoring", Map.of(TX_0, new OffsetAndMetadata(10)));
        Map<ConsumerLag.Key, Long> lag = ConsumerLag.of(committed, Map.of(RAW_0, 100L, RAW_1, 40L, TX_0, 25L));
        assertThat(lag)
                .containsExactly(
                        Map.entry(new ConsumerLag.Key("centinela-ingest", "fraud.transactions.raw"), 10L),
                        Map.entry(new ConsumerLag.Key("centinela-scoring", "fraud.transactions"), 15L));
    }

    @Test
    void partitionsWithoutACommitOrAnEndOffsetCountNothingAndLagIsNeverNegative() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        offsets.put(RAW_0, null);
        offsets.put(RAW_1, new OffsetAndMetadata(50));
        offsets.put(TX_0, new OffsetAndMetadata(5));
        Map<ConsumerLag.Key, Long> lag =
                ConsumerLag.of(Map.of("centinela-ingest", offsets), Map.of(RAW_0, 100L, RAW_1, 45L));
        assertThat(lag)
                .containsExactly(Map.entry(new ConsumerLag.Key("centinela-ingest", "fraud.transactions.raw"), 0L));
    }
}
