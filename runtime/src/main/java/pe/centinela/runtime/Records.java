package pe.centinela.runtime;

import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import pe.centinela.core.json.Json;

/** Reading a batch of Kafka records written by the platform itself. */
public final class Records {

    private Records() {
    }

    /** Each record's JSON value as {@code type}; an unreadable record is logged with its position and skipped. */
    public static <T> List<T> decode(List<KafkaConsumerRecord<String, byte[]>> batch, Class<T> type, Logger log) {
        List<T> values = new ArrayList<>(batch.size());
        for (KafkaConsumerRecord<String, byte[]> record : batch) {
            try {
                values.add(Json.fromBytes(record.value(), type));
            } catch (RuntimeException e) {
                log.error("skipping an unreadable {} at {}-{} offset {}: {}", type.getSimpleName(), record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return values;
    }
}
