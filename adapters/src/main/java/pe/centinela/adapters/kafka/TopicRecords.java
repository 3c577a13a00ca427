package pe.centinela.adapters.kafka;

import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import pe.centinela.core.json.Json;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;

/**
 * Reading records the platform wrote to its own topics. A record that cannot be used (garbled bytes, JSON of another
 * shape, no value, required fields left out) is set aside with its reasons instead of failing its batch, which would
 * be retried forever.
 */
public final class TopicRecords {

    private TopicRecords() {}

    /** One record read: its value, or why it cannot be used. */
    public record Read<T>(T value, List<Violation> problems) {
        public boolean usable() {
            return problems.isEmpty();
        }
    }

    /** A record set aside, as a dead letter, with the key it had. */
    public record Rejected(String key, DeadLetter letter) {}

    /** The usable values of a batch in order, and the records set aside. */
    public record Decoded<T>(List<T> values, List<Rejected> rejected) {}

    /** The record's JSON value as {@code type}, checked by {@code required} (see {@code RequiredFields}). */
    public static <T> Read<T> read(
            KafkaConsumerRecord<String, byte[]> record, Class<T> type, Function<T, List<Violation>> required) {
        if (record.value() == null) {
            return new Read<>(null, List.of(new Violation("record", "unreadable", "the record has no value")));
        }
        T value;
        try {
            value = Json.fromBytes(record.value(), type);
        } catch (RuntimeException e) {
            return new Read<>(
                    null,
                    List.of(new Violation(
                            "record",
                            "unreadable",
                            "not a " + type.getSimpleName() + ": " + firstLine(e.getMessage()))));
        }
        if (value == null) {
            return new Read<>(
                    null,
                    List.of(new Violation("record", "unreadable", "not a " + type.getSimpleName() + ": JSON null")));
        }
        List<Violation> missing = required.apply(value);
        return new Read<>(missing.isEmpty() ? value : null, missing);
    }

    /** Each record read; those that cannot be used become dead letters received {@code now}. */
    public static <T> Decoded<T> decode(
            List<KafkaConsumerRecord<String, byte[]>> batch,
            Class<T> type,
            Function<T, List<Violation>> required,
            Instant now) {
        List<T> values = new ArrayList<>(batch.size());
        List<Rejected> rejected = new ArrayList<>();
        for (KafkaConsumerRecord<String, byte[]> record : batch) {
            Read<T> read = read(record, type, required);
            if (read.usable()) {
                values.add(read.value());
            } else {
                rejected.add(rejected(record, read.problems(), now));
            }
        }
        return new Decoded<>(values, rejected);
    }

    /** A poll's records, in the order polled. */
    public static <V> List<KafkaConsumerRecord<String, V>> listOf(
            io.vertx.kafka.client.consumer.KafkaConsumerRecords<String, V> polled) {
        List<KafkaConsumerRecord<String, V>> records = new ArrayList<>(polled.size());
        for (int i = 0; i < polled.size(); i++) {
            records.add(polled.recordAt(i));
        }
        return records;
    }

    /** Where the record was, for a log line or a dead letter. */
    public static String location(KafkaConsumerRecord<String, byte[]> record) {
        return "partition " + record.partition() + " offset " + record.offset();
    }

    /** The record set aside for {@code problems}: a dead letter naming its topic and position. */
    public static Rejected rejected(KafkaConsumerRecord<String, byte[]> record, List<Violation> problems, Instant now) {
        String payload = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        return new Rejected(
                record.key(), new DeadLetter(record.topic(), "kafka", payload, problems, now, location(record)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
