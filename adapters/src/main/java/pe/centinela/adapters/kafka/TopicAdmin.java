package pe.centinela.adapters.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.PlatformConfig;

/** Creates the platform's topics when they are missing, and keeps the dead letters' retention as configured. Blocking: call it from a worker or at start-up. */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final java.time.Duration ANSWER_WITHIN = java.time.Duration.ofSeconds(30);

    private TopicAdmin() {}

    public static List<String> ensureTopics(PlatformConfig config)
            throws InterruptedException, ExecutionException, TimeoutException {
        PlatformConfig.Topics t = config.topics();
        try (Admin admin = Admin.create(KafkaClients.connection(config.kafka(), Map.of()))) {
            Set<String> existing = answer(admin.listTopics().names(), config, "listing the topics");
            List<NewTopic> missing = new ArrayList<>();
            for (String name : List.of(t.raw(), t.transactions(), t.scores(), t.alerts(), t.labels(), t.decisions())) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, t.partitions(), t.replicationFactor()));
                }
            }
            String deadLettersKept =
                    String.valueOf(config.retention().deadLetters().toMillis());
            if (!existing.contains(t.deadLetters())) {
                missing.add(new NewTopic(t.deadLetters(), t.partitions(), t.replicationFactor())
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, deadLettersKept)));
            } else {
                keepDeadLettersFor(admin, config, deadLettersKept);
            }
            if (!existing.contains(t.scoringState())) {
                missing.add(new NewTopic(t.scoringState(), t.partitions(), t.replicationFactor())
                        .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000")));
            }
            if (!missing.isEmpty()) {
                answer(admin.createTopics(missing).all(), config, "creating the topics");
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /** The broker deletes dead letters older than {@code retention.dead-letters}: set on the topic when it differs. */
    private static void keepDeadLettersFor(Admin admin, PlatformConfig config, String millis)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource topic =
                new ConfigResource(ConfigResource.Type.TOPIC, config.topics().deadLetters());
        Config current = answer(admin.describeConfigs(List.of(topic)).all(), config, "reading the dead-letter topic")
                .get(topic);
        ConfigEntry kept = current.get(TopicConfig.RETENTION_MS_CONFIG);
        if (kept == null || !millis.equals(kept.value())) {
            AlterConfigOp set = new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, millis), AlterConfigOp.OpType.SET);
            answer(
                    admin.incrementalAlterConfigs(Map.of(topic, List.of(set))).all(),
                    config,
                    "setting the dead-letter topic's retention");
            LOG.info(
                    "dead letters are now kept {} (topic {} retention.ms {} -> {})",
                    config.retention().deadLetters(),
                    topic.name(),
                    kept == null ? "unset" : kept.value(),
                    millis);
        }
    }

    private static <T> T answer(org.apache.kafka.common.KafkaFuture<T> future, PlatformConfig config, String doing)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return future.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            TimeoutException named =
                    new TimeoutException("Kafka at " + config.kafka().bootstrapServers() + " did not answer within "
                            + ANSWER_WITHIN.toSeconds() + " s while " + doing);
            named.initCause(e);
            throw named;
        }
    }
}
