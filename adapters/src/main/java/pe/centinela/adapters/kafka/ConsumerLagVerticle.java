package pe.centinela.adapters.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.PlatformConfig;

/**
 * Measures, every {@code interval} on a worker thread, how far behind the platform's consumer groups (those named with
 * {@code kafka.group-prefix}) are: committed offsets against end offsets, as
 * {@code centinela_consumer_lag_records{group, topic}}. Every process reports every group; aggregate with {@code max}.
 */
public final class ConsumerLagVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLagVerticle.class);
    private static final long CALL_TIMEOUT_S = 10;

    private final PlatformConfig.Kafka kafka;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<ConsumerLag.Key, AtomicLong> values = new ConcurrentHashMap<>();
    private final Map<ConsumerLag.Key, Gauge> gauges = new HashMap<>();
    private Admin admin;
    private long timer = -1;
    private boolean measuring;

    public ConsumerLagVerticle(PlatformConfig.Kafka kafka, MeterRegistry registry, Duration interval) {
        this.kafka = kafka;
        this.registry = registry;
        this.interval = interval;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> Admin.create(KafkaClients.connection(
                        kafka,
                        Map.<String, Object>of(
                                AdminClientConfig.CLIENT_ID_CONFIG, kafka.groupPrefix() + "-lag-metrics"))))
                .onSuccess(created -> {
                    admin = created;
                    timer = vertx.setPeriodic(1, interval.toMillis(), id -> measure());
                });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        gauges.values().forEach(registry::remove);
        return admin == null
                ? Future.succeededFuture()
                : vertx.executeBlocking(() -> {
                    admin.close(Duration.ofSeconds(5));
                    return null;
                });
    }

    private void measure() {
        if (measuring) {
            return;
        }
        measuring = true;
        vertx.executeBlocking(this::lag, false)
                .onSuccess(this::publish)
                .onFailure(e -> LOG.warn("consumer lag not measured: {}", e.getMessage()))
                .onComplete(done -> measuring = false);
    }

    private Map<ConsumerLag.Key, Long> lag() throws Exception {
        String prefix = kafka.groupPrefix() + "-";
        Set<String> groups =
                admin
                        .listGroups(ListGroupsOptions.forConsumerGroups())
                        .all()
                        .get(CALL_TIMEOUT_S, TimeUnit.SECONDS)
                        .stream()
                        .map(GroupListing::groupId)
                        .filter(id -> id.startsWith(prefix))
                        .collect(Collectors.toSet());
        if (groups.isEmpty()) {
            return Map.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                admin.listConsumerGroupOffsets(specs).all().get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed
                .values()
                .forEach(offsets -> offsets.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                latest.isEmpty() ? Map.of() : admin.listOffsets(latest).all().get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        ends.forEach((partition, info) -> endOffsets.put(partition, info.offset()));
        return ConsumerLag.of(committed, endOffsets);
    }

    private void publish(Map<ConsumerLag.Key, Long> lag) {
        lag.forEach((key, records) -> {
            AtomicLong value = values.computeIfAbsent(key, k -> new AtomicLong());
            value.set(records);
            gauges.computeIfAbsent(
                    key,
                    k -> Gauge.builder("centinela.consumer.lag", value, AtomicLong::get)
                            .description(
                                    "Records a consumer group has yet to process on a topic (end offset minus committed offset)")
                            .baseUnit("records")
                            .tag("group", k.group())
                            .tag("topic", k.topic())
                            .strongReference(true)
                            .register(registry));
        });
        gauges.entrySet().removeIf(entry -> {
            if (lag.containsKey(entry.getKey())) {
                return false;
            }
            registry.remove(entry.getValue());
            values.remove(entry.getKey());
            return true;
        });
    }
}
