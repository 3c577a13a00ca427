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

    private TopicAdmin() {}

    public static List<String> ensureTopics(PlatformConfig config)
            throws InterruptedException, ExecutionException, TimeoutException {
        PlatformConfig.Topics t = config.topics();
        try (Admin admin = Admin.create(KafkaClients.connection(config.kafka(), Map.of()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
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
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}
