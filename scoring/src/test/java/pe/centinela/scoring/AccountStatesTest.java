package pe.centinela.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
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

/** The accounts' states follow the changelog: restored once per arriving partition, applied once, rolled back on failure. */
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
        accounts.published(Map.of("acc-1", 15L));
        assertThat(accounts.applied("acc-1", 15)).isTrue();
    }

    @Test
    void aRolledBackAccountIsForgottenAndNoLongerCountsItsOffsets() {
        features.observe(payment("acc-1", 0));
        byte[] before = features.snapshot("acc-1");
        accounts.published(Map.of("acc-1", 3L));
        features.observe(payment("acc-1", 1));
        assertThat(features.snapshot("acc-1")).isNotEqualTo(before);
        accounts.rollBack(Set.of("acc-1"), Set.of(0));
        assertThat(accounts.applied("acc-1", 3)).isFalse();
        assertThat(features.snapshot("acc-1")).as("forgotten").isNull();
    }

    @Test
    void eachAccountsChangelogRecordCarriesItsLastOffsetBeforeItsState() {
        features.observe(payment("acc-1", 0));
        var records = accounts.records(Map.of("acc-1", 42L));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("acc-1");
        ByteBuffer value = ByteBuffer.wrap(records.get(0).value());
        assertThat(value.getLong()).isEqualTo(42);
        byte[] state = new byte[value.remaining()];
        value.get(state);
        assertThat(state).isEqualTo(features.snapshot("acc-1"));
    }
}
