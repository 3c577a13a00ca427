package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.kafka.TopicAdmin;

/** Dead letters are kept {@code retention.dead-letters} by the broker: set on the topic when made, and set back. */
class DeadLetterRetentionIT {

    private static final long SEVEN_DAYS_MS = 7L * 24 * 3600 * 1000;

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of("retention.dead-letters", "7d"));

    @Test
    void theDeadLetterTopicKeepsItsRecordsForTheConfiguredRetentionAndIsSetBackWhenChanged() throws Exception {
        try (Admin admin =
                Admin.create(KafkaClients.connection(platform.config().kafka(), Map.of()))) {
            ConfigResource topic = new ConfigResource(
                    ConfigResource.Type.TOPIC, platform.config().topics().deadLetters());
            assertThat(retentionMs(admin, topic)).as("as created").isEqualTo(SEVEN_DAYS_MS);

            admin.incrementalAlterConfigs(Map.of(
                            topic,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "3600000"),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(retentionMs(admin, topic)).isEqualTo(3_600_000L);

            TopicAdmin.ensureTopics(platform.config());

            assertThat(retentionMs(admin, topic))
                    .as("set back at the next start")
                    .isEqualTo(SEVEN_DAYS_MS);
        }
    }

    private static long retentionMs(Admin admin, ConfigResource topic) throws Exception {
        return Long.parseLong(admin.describeConfigs(List.of(topic))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .get(TopicConfig.RETENTION_MS_CONFIG)
                .value());
    }
}
