package pe.centinela.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeaturePipeline;

/**
 * The accounts' states follow the changelog: restored once per arriving partition, applied once, written once per flush,
 * rolled back on failure.
 */
class AccountStatesTest {

    private final FeaturePipeline features = new FeaturePipeline();
    private final AccountStates accounts = new AccountStates(
            features,
            new StateChangelog(
                    PlatformConfig.from(Settings.of(Map.of("kafka.bootstrap-servers", "unused:9092"))),
                    new PipelineStats()));

    private static Transaction payment(String account, int minute) {
        BigDecimal amount = new BigDecimal("25.00");
        return new Transaction(
                "t-" + account + "-" + minute,
                account,
                amount,
                "PEN",
                amount,
                "PEN",
                Instant.parse("2026-11-01T12:00:00Z").plusSeconds(60L * minute),
                "m-1",
                "5411",
                Channel.POS,
                null,
                null,
                null,
                "PE",
                null,
                null);
    }

    @Test
    void aPartitionIsReadBackOnceUntilItIsRevokedOrItsBatchRolledBack() {
        assertThat(accounts.notRestored(List.of(0, 1))).containsExactlyInAnyOrder(0, 1);
        accounts.restore(Set.of(0, 1), Map.of());
        assertThat(accounts.notRestored(List.of(0, 1, 2))).containsExactly(2);
        accounts.revoked(List.of(0));
        assertThat(accounts.notRestored(List.of(0, 1))).containsExactly(0);
        accounts.rollBack(Set.of(), Set.of(1));
        assertThat(accounts.notRestored(List.of(0, 1))).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void aTransactionAtOrBelowTheRestoredOffsetIsAlreadyApplied() {
        features.observe(payment("acc-1", 0));
        byte[] state = features.snapshot("acc-1");
        features.forget("acc-1");
        accounts.restore(Set.of(0), Map.of("acc-1", new StateChangelog.Restored(10, state)));
        assertThat(accounts.applied("acc-1", 10)).isTrue();
        assertThat(accounts.applied("acc-1", 11)).isFalse();
        assertThat(accounts.applied("acc-2", 0)).isFalse();
        assertThat(features.snapshot("acc-1")).isEqualTo(state);
        accounts.processed(accounts.encode(Map.of("acc-1", at(0, 15))));
        assertThat(accounts.applied("acc-1", 15)).isTrue();
    }

    @Test
    void aRolledBackAccountReturnsToTheStateItsLastProcessedBatchLeftOrIsForgotten() {
        features.observe(payment("acc-1", 0));
        byte[] processed = features.snapshot("acc-1");
        accounts.processed(accounts.encode(Map.of("acc-1", at(0, 3))));
        features.observe(payment("acc-1", 1));
        features.observe(payment("acc-2", 1));
        assertThat(features.snapshot("acc-1")).isNotEqualTo(processed);

        accounts.rollBack(Set.of("acc-1", "acc-2"), Set.of(0));

        assertThat(features.snapshot("acc-1")).as("back to its processed state").isEqualTo(processed);
        assertThat(accounts.applied("acc-1", 3)).isTrue();
        assertThat(accounts.applied("acc-1", 4)).isFalse();
        assertThat(features.snapshot("acc-2")).as("never processed: forgotten").isNull();
        assertThat(accounts.notRestored(List.of(0)))
                .as("read back before the retry")
                .containsExactly(0);
    }

    /** States are encoded while a batch's scores are on their way: until the broker has them, they do not count. */
    @Test
    void anEncodedBatchCountsOnlyOnceItIsProcessed() {
        features.observe(payment("acc-1", 0));
        var unused = accounts.encode(Map.of("acc-1", at(0, 7)));
        List<KafkaProducerRecord<String, byte[]>> sent = new ArrayList<>();

        accounts.flush(records -> {
            sent.addAll(records);
            return Future.succeededFuture();
        });
        assertThat(sent).as("encoded, not yet processed").isEmpty();
        assertThat(accounts.applied("acc-1", 7)).isFalse();
        accounts.rollBack(Set.of("acc-1"), Set.of(0));
        assertThat(features.snapshot("acc-1")).as("its batch failed: forgotten").isNull();

        features.observe(payment("acc-1", 0));
        accounts.processed(accounts.encode(Map.of("acc-1", at(0, 7))));
        accounts.flush(records -> {
            sent.addAll(records);
            return Future.succeededFuture();
        });
        assertThat(sent).extracting(KafkaProducerRecord::key).containsExactly("acc-1");
        assertThat(accounts.applied("acc-1", 7)).isTrue();
    }

    @Test
    void aFlushWritesEachAccountOnceWithItsLastOffsetBeforeItsState() {
        features.observe(payment("acc-1", 0));
        accounts.processed(accounts.encode(Map.of("acc-1", at(0, 41))));
        features.observe(payment("acc-1", 1));
        features.observe(payment("acc-2", 1));
        accounts.processed(accounts.encode(Map.of("acc-1", at(0, 42), "acc-2", at(1, 43))));
        List<KafkaProducerRecord<String, byte[]>> sent = new ArrayList<>();

        assertThat(accounts.flush(records -> {
                            sent.addAll(records);
                            return Future.succeededFuture();
                        })
                        .succeeded())
                .isTrue();

        assertThat(sent).extracting(KafkaProducerRecord::key).containsExactlyInAnyOrder("acc-1", "acc-2");
        KafkaProducerRecord<String, byte[]> first =
                sent.stream().filter(r -> r.key().equals("acc-1")).findFirst().orElseThrow();
        ByteBuffer value = ByteBuffer.wrap(first.value());
        assertThat(value.getLong()).isEqualTo(42);
        byte[] state = new byte[value.remaining()];
        value.get(state);
        assertThat(state).isEqualTo(features.snapshot("acc-1"));
        sent.clear();
        accounts.flush(records -> {
            sent.addAll(records);
            return Future.succeededFuture();
        });
        assertThat(sent).as("nothing processed since").isEmpty();
    }

    @Test
    void flushesGoOneAtATimeAndAFailedOnesStatesLeaveWithTheNextUnlessNewerOnesReplacedThem() {
        features.observe(payment("acc-1", 0));
        features.observe(payment("acc-2", 0));
        accounts.processed(accounts.encode(Map.of("acc-1", at(0, 1), "acc-2", at(0, 2))));
        Promise<Void> firstSend = Promise.promise();
        Future<Void> firstFlush = accounts.flush(records -> firstSend.future());
        features.observe(payment("acc-1", 1));
        accounts.processed(accounts.encode(Map.of("acc-1", at(0, 3))));
        Map<String, Long> secondSent = new HashMap<>();
        Future<Void> secondFlush = accounts.flush(records -> {
            records.forEach(
                    r -> secondSent.put(r.key(), ByteBuffer.wrap(r.value()).getLong()));
            return Future.succeededFuture();
        });
        assertThat(secondSent).as("waits for the first to end").isEmpty();

        firstSend.fail("broker away");

        assertThat(firstFlush.failed()).isTrue();
        assertThat(secondFlush.succeeded()).isTrue();
        assertThat(secondSent)
                .as("acc-1's newer state, not the one that failed")
                .containsOnly(Map.entry("acc-1", 3L), Map.entry("acc-2", 2L));
    }

    @Test
    void aStateNotYetInTheChangelogIsNotOverwrittenByWhatTheChangelogHolds() {
        features.observe(payment("acc-1", 0));
        byte[] older = features.snapshot("acc-1");
        features.observe(payment("acc-1", 1));
        byte[] newer = features.snapshot("acc-1");
        accounts.processed(accounts.encode(Map.of("acc-1", at(0, 5))));

        accounts.restore(Set.of(0), Map.of("acc-1", new StateChangelog.Restored(2, older)));

        assertThat(features.snapshot("acc-1")).isEqualTo(newer);
        assertThat(accounts.applied("acc-1", 5)).isTrue();
    }

    @Test
    void aRevokedPartitionsUnflushedStatesAreDroppedNotWritten() {
        features.observe(payment("acc-1", 0));
        features.observe(payment("acc-2", 0));
        accounts.restore(Set.of(0, 1), Map.of());
        accounts.processed(accounts.encode(Map.of("acc-1", at(0, 7), "acc-2", at(1, 8))));

        accounts.revoked(List.of(0));

        List<String> written = new ArrayList<>();
        accounts.flush(records -> {
            records.forEach(r -> written.add(r.key()));
            return Future.succeededFuture();
        });
        assertThat(written).containsExactly("acc-2");
        assertThat(features.snapshot("acc-1"))
                .as("read back from the changelog should it return")
                .isNull();
        assertThat(accounts.applied("acc-1", 7)).isFalse();
    }

    private static AccountStates.Position at(int partition, long offset) {
        return new AccountStates.Position(partition, offset);
    }
}
