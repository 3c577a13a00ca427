package pe.centinela.adapters.kafka;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far each consumer group is behind: per group and topic, the sum over partitions of end offset minus committed offset. */
final class ConsumerLag {

    /** A group's lag on one topic. */
    record Key(String group, String topic) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byGroup = group.compareTo(other.group);
            return byGroup != 0 ? byGroup : topic.compareTo(other.topic);
        }
    }

    private ConsumerLag() {}

    /**
     * {@code committed}: each group's committed offsets (a partition it never committed is absent or null);
     * {@code ends}: the end offset of every partition named there. A partition whose end is unknown counts nothing.
     */
    static Map<Key, Long> of(
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed, Map<TopicPartition, Long> ends) {
        Map<Key, Long> lag = new TreeMap<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            Long end = ends.get(partition);
            if (offset == null || end == null) {
                return;
            }
            lag.merge(new Key(group, partition.topic()), Math.max(0, end - offset.offset()), Long::sum);
        }));
        return lag;
    }
}
