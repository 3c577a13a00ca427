package pe.centinela.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * Every feature is computed the same way when a backtest or a training run replays a labelled history and when live
 * scoring meets the same transactions unlabelled, in micro-batches, with the analysts' decisions arriving on the labels
 * topic: some before the label delay has passed (they must wait for it), some only once the stream has reached them.
 */
class FeatureParityTest {

    private static final Duration DELAY = Duration.ofDays(3);
    private static final Instant START = Instant.parse("2026-01-01T05:00:00Z");
    private static final LabelledHistory.Progress QUIET = (rows, at) -> {};

    private static final List<Transaction> history = new ArrayList<>();
    private static final Map<String, float[]> live = new HashMap<>();

    @BeforeAll
    @SuppressWarnings("ModifiedButNotUsed") // removeIf delivers the labels it removes: that call reads the list
    static void scoreTheHistoryLive() {
        TransactionGenerator generator = new TransactionGenerator(
                GeneratorSettings.defaults(11, START).withAccounts(150).withFraudRate(0.04));
        for (Transaction t = generator.next().transaction();
                t.timestamp().isBefore(START.plus(Duration.ofDays(21)));
                t = generator.next().transaction()) {
            history.add(t);
        }
        FeaturePipeline features = new FeaturePipeline(DELAY, 1);
        ScoringEngine engine = new ScoringEngine(null, Clock.systemUTC(), features);
        SplittableRandom random = new SplittableRandom(5);
        List<Label> undelivered = new ArrayList<>();
        for (int from = 0; from < history.size(); from += 97) {
            List<Transaction> batch = history.subList(from, Math.min(history.size(), from + 97));
            Instant batchEnd = batch.get(batch.size() - 1).timestamp();
            undelivered.removeIf(label -> {
                if (label.decidedAt().isAfter(batchEnd)) {
                    return false;
                }
                features.confirmLabel(label);
                return true;
            });
            double[][] rows = engine.prepare(
                            batch.stream().map(FeatureParityTest::unlabelled).toList())
                    .rows();
            for (int i = 0; i < rows.length; i++) {
                live.put(batch.get(i).transactionId(), toFloats(rows[i]));
            }
            for (Transaction t : batch) {
                if (Boolean.TRUE.equals(t.fraudLabel()) || random.nextDouble() < 0.02) {
                    Label decision = decision(t, t.timestamp().plusSeconds(random.nextLong(DELAY.toSeconds() + 1)));
                    if (random.nextBoolean()) {
                        features.confirmLabel(decision);
                    } else {
                        undelivered.add(decision);
                    }
                }
            }
        }
    }

    @Test
    void aBacktestReplayGivesEveryTransactionTheVectorLiveScoringGaveIt() {
        LabelledHistory replayed = LabelledHistory.replay(
                history.iterator(), null, Duration.ofDays(12), DELAY, Duration.ofDays(6), 0.25, 1.0, 1, 1, QUIET);
        assertSameAsLive(replayed, 0);
    }

    @Test
    void aTrainingReplayWithAWarmUpGivesEveryTransactionTheVectorLiveScoringGaveIt() {
        LabelledHistory replayed = LabelledHistory.replayAll(
                history.iterator(), START.plus(Duration.ofDays(7)), DELAY, 0.25, 1.0, 1, 1, QUIET);
        assertThat(replayed.warmUp()).isPositive();
        assertSameAsLive(replayed, replayed.warmUp());
    }

    private static void assertSameAsLive(LabelledHistory replayed, long warmUp) {
        int compared = 0;
        int withKnownFraud = 0;
        for (LabelledHistory.Part part : List.of(replayed.train(), replayed.validation(), replayed.test())) {
            double[][] rows = part.rows();
            for (int i = 0; i < rows.length; i++) {
                float[] expected = live.get(part.ids().get(i));
                float[] actual = toFloats(rows[i]);
                for (int j = 0; j < FeatureCatalogue.SIZE; j++) {
                    assertThat(actual[j])
                            .as(
                                    "%s of %s",
                                    FeatureCatalogue.feature(j).name(),
                                    part.ids().get(i))
                            .isEqualTo(expected[j]);
                }
                compared++;
                withKnownFraud += actual[FeatureCatalogue.keyWindow(FeatureCatalogue.MERCHANT_KEYS, 2, 0)] > 0 ? 1 : 0;
            }
        }
        assertThat(compared + warmUp).isGreaterThan(history.size() / 2);
        assertThat(withKnownFraud).as("rows whose merchant has known fraud").isGreaterThan(compared / 20);
    }

    private static Transaction unlabelled(Transaction t) {
        return new Transaction(
                t.transactionId(),
                t.accountId(),
                t.amount(),
                t.currency(),
                t.originalAmount(),
                t.originalCurrency(),
                t.timestamp(),
                t.merchantId(),
                t.merchantCategoryCode(),
                t.channel(),
                t.deviceId(),
                t.ip(),
                t.counterpartyAccount(),
                t.country(),
                null,
                t.source());
    }

    private static Label decision(Transaction t, Instant decidedAt) {
        return new Label(
                t.transactionId(),
                t.accountId(),
                t.merchantId(),
                Boolean.TRUE.equals(t.fraudLabel()),
                "al-" + t.transactionId(),
                "ana",
                decidedAt,
                t.timestamp(),
                t.counterpartyAccount(),
                t.deviceId());
    }

    private static float[] toFloats(double[] row) {
        float[] out = new float[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (float) row[j];
        }
        return out;
    }
}
