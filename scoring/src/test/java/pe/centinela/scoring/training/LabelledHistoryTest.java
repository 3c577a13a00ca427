package pe.centinela.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;

/** A training start: the history before it warms the state and gives no training rows. */
class LabelledHistoryTest {

    private static final Instant TRAIN_START = Instant.parse("2026-01-11T05:00:00Z");
    private static final LabelledHistory.Progress QUIET = (rows, at) -> {};

    private static List<Transaction> history(Instant until) {
        List<Transaction> out = new ArrayList<>();
        for (Iterator<Transaction> all = BacktestTest.generated(); ; ) {
            Transaction t = all.next();
            if (!t.timestamp().isBefore(until)) {
                return out;
            }
            out.add(t);
        }
    }

    private static LabelledHistory backtestReplay(List<Transaction> transactions, Instant trainStart) {
        return LabelledHistory.replay(
                transactions.iterator(),
                trainStart,
                Duration.ofDays(6),
                Duration.ofDays(2),
                Duration.ofDays(3),
                0.25,
                1.0,
                1,
                1,
                QUIET);
    }

    private static long rowsOfAccountsWithoutHistory(LabelledHistory.Part part) {
        return java.util.Arrays.stream(part.rows())
                .filter(row -> row[FeatureCatalogue.LOG_HISTORY] == 0)
                .count();
    }

    @Test
    void aBacktestTrainsFromItsStartOnStateWarmedByTheHistoryBefore() {
        List<Transaction> all = history(Instant.parse("2026-01-23T05:00:00Z"));
        List<Transaction> fromTrainStart =
                all.stream().filter(t -> !t.timestamp().isBefore(TRAIN_START)).toList();
        LabelledHistory warmed = backtestReplay(all, TRAIN_START);
        LabelledHistory cold = backtestReplay(fromTrainStart, TRAIN_START);
        assertThat(warmed.windows().start()).isEqualTo(TRAIN_START);
        assertThat(warmed.warmUp()).isEqualTo(all.size() - fromTrainStart.size());
        assertThat(java.util.Arrays.stream(warmed.train().times()).min().orElseThrow())
                .isGreaterThanOrEqualTo(TRAIN_START.getEpochSecond());
        assertThat(warmed.train().ids()).isEqualTo(cold.train().ids());
        assertThat(rowsOfAccountsWithoutHistory(cold.train())).isGreaterThan(100);
        assertThat(rowsOfAccountsWithoutHistory(warmed.train()))
                .isLessThan(rowsOfAccountsWithoutHistory(cold.train()) / 10);
    }

    @Test
    void aTrainingRunValidatesOnTheLastPartOfTheTimeFromItsStart() {
        List<Transaction> all = history(Instant.parse("2026-01-21T05:00:00Z"));
        LabelledHistory warmed =
                LabelledHistory.replayAll(all.iterator(), TRAIN_START, Duration.ofDays(2), 0.5, 1.0, 1, 1, QUIET);
        assertThat(warmed.windows().start()).isEqualTo(TRAIN_START);
        long span = all.get(all.size() - 1).timestamp().getEpochSecond() + 1 - TRAIN_START.getEpochSecond();
        assertThat(warmed.windows().validationStart()).isEqualTo(TRAIN_START.plusSeconds(span / 2));
        assertThat(java.util.Arrays.stream(warmed.train().times()).min().orElseThrow())
                .isGreaterThanOrEqualTo(TRAIN_START.getEpochSecond());
        assertThat(warmed.train().size() + warmed.validation().size() + warmed.warmUp())
                .isEqualTo(all.size());
        assertThat(rowsOfAccountsWithoutHistory(warmed.train())).isLessThan(10);
    }

    @Test
    void aTrainingStartBeforeTheHistoryIsRefused() {
        List<Transaction> all = history(Instant.parse("2026-01-05T05:00:00Z"));
        assertThatThrownBy(() -> backtestReplay(all, Instant.parse("2025-12-01T05:00:00Z")))
                .hasMessageStartingWith(
                        "the training start 2025-12-01T05:00:00Z is before the history's first transaction");
        assertThatThrownBy(() -> LabelledHistory.replayAll(
                        all.iterator(),
                        Instant.parse("2025-12-01T05:00:00Z"),
                        Duration.ofDays(2),
                        0.5,
                        1.0,
                        1,
                        1,
                        QUIET))
                .hasMessageStartingWith(
                        "the training start 2025-12-01T05:00:00Z is before the history's first transaction");
    }

    @Test
    void aTrainingStartAfterTheHistoryIsRefused() {
        List<Transaction> all = history(Instant.parse("2026-01-05T05:00:00Z"));
        assertThatThrownBy(() -> backtestReplay(all, Instant.parse("2026-02-01T05:00:00Z")))
                .hasMessageStartingWith(
                        "the training start 2026-02-01T05:00:00Z is after the history's last transaction");
        assertThatThrownBy(() -> LabelledHistory.replayAll(
                        all.iterator(),
                        Instant.parse("2026-02-01T05:00:00Z"),
                        Duration.ofDays(2),
                        0.5,
                        1.0,
                        1,
                        1,
                        QUIET))
                .hasMessageStartingWith(
                        "the training start 2026-02-01T05:00:00Z is after the history's last transaction");
    }
}
