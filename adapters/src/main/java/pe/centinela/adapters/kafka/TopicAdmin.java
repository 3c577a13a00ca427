package pe.centinela.adapters.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import pe.centinela.core.config.PlatformConfig;

/** Creates the platform's topics when they are missing. Blocking: call it from a worker or at start-up. */
public final class TopicAdmin {

    private static final java.time.Duration ANSWER_WITHIN = java.time.Duration.ofSeconds(30);

    private TopicAdmin() {}

    public static List<String> ensureTopics(PlatformConfig config)
            throws InterruptedException, ExecutionException, TimeoutException {
        PlatformConfig.Topics t = config.topics();
        try (Admin admin = Admin.create(KafkaClients.connection(config.kafka(), Map.of()))) {
            Set<String> existing = answer(admin.listTopics().names(), config, "listing the topics");
            List<NewTopic> missing = new ArrayList<>();
            for (String name : List.of(
                    t.raw(), t.transactions(), t.deadLetters(), t.scores(), t.alerts(), t.labels(), t.decisions())) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, t.partitions(), t.replicationFactor()));
                }
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
