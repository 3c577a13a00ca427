package pe.centinela.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static pe.centinela.core.features.FeatureCatalogue.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pe.centinela.core.domain.Transaction;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * The feature pipeline on generated histories of many accounts: restored states, states of earlier encodings (their
 * fixtures were written from these histories), shared key activity, replays against live batches. Here rather than in
 * core, which the generator depends on.
 */
class FeaturePipelineOnGeneratedHistoryTest {

    @Test
    void aRestoredAccountStateGivesTheSameFeaturesAsTheOriginal() {
        List<Transaction> history = new ArrayList<>();
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(4, Instant.parse("2026-01-01T00:00:00Z"))
                        .withAccounts(20));
        for (int i = 0; i < 4000; i++) {
            history.add(generator.next().transaction());
        }
        FeaturePipeline original = new FeaturePipeline();
        double[] row = new double[SIZE];
        double[] sequence = new double[FeaturePipeline.DEFAULT_SEQUENCE_LENGTH * SIZE];
        for (Transaction t : history.subList(0, 3000)) {
            original.next(t, row, sequence);
        }
        FeaturePipeline restored = new FeaturePipeline();
        for (Transaction t : history.subList(0, 3000)) {
            if (restored.snapshot(t.accountId()) == null) {
                restored.restore(t.accountId(), original.snapshot(t.accountId()));
            }
        }
        double[] expected = new double[SIZE];
        double[] actual = new double[SIZE];
        double[] expectedSequence = new double[sequence.length];
        double[] actualSequence = new double[sequence.length];
        for (Transaction t : history.subList(3000, 4000)) {
            original.next(t, expected, expectedSequence);
            restored.next(t, actual, actualSequence);
            for (int j = 0; j < SIZE; j++) {
                if (!sharedAcrossAccounts(j)) {
                    assertThat(actual[j])
                            .as("%s of %s", FeatureCatalogue.feature(j).name(), t.transactionId())
                            .isEqualTo(expected[j]);
                }
            }
            assertThat(withoutSharedFeatures(actualSequence)).isEqualTo(withoutSharedFeatures(expectedSequence));
        }
    }

    @Test
    void anInstanceScoringSomeAccountsSeesTheFraudRecordOfEveryAccountsMerchants() {
        List<Transaction> history = new ArrayList<>();
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(5, Instant.parse("2026-01-01T00:00:00Z"))
                        .withAccounts(40)
                        .withFraudRate(0.05));
        for (int i = 0; i < 6000; i++) {
            history.add(generator.next().transaction());
        }
        FeaturePipeline whole = new FeaturePipeline(Duration.ofHours(6), 1);
        KeyActivity everyone = new KeyActivity(Duration.ofHours(6));
        FeaturePipeline someAccounts = new FeaturePipeline(everyone, 1);
        double[] expected = new double[SIZE];
        double[] actual = new double[SIZE];
        int compared = 0;
        int differentFromOwnAccountsOnly = 0;
        FeaturePipeline ownAccountsOnly = new FeaturePipeline(Duration.ofHours(6), 1);
        double[] own = new double[SIZE];
        for (Transaction t : history) {
            whole.next(t, expected);
            everyone.transaction(t);
            if (Math.floorMod(t.accountId().hashCode(), 2) == 0) {
                someAccounts.next(t, actual);
                ownAccountsOnly.next(t, own);
                compared++;
                assertThat(actual).as(t.transactionId()).isEqualTo(expected);
                differentFromOwnAccountsOnly += java.util.Arrays.equals(own, expected) ? 0 : 1;
            }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(differentFromOwnAccountsOnly)
                .as("the other accounts' transactions matter")
                .isGreaterThan(compared / 2);
    }

    /**
     * States written by earlier encodings (1: recent merchants, counterparties and devices as strings; 2: fixed-width
     * numbers; each fixture was written by that code from this test's history) still restore to the same features, so a
     * changelog written before an upgrade keeps working.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void statesOfEarlierFormatsStillRestore(int format) throws Exception {
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(4, Instant.parse("2026-01-01T00:00:00Z"))
                        .withAccounts(20));
        List<Transaction> history = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            history.add(generator.next().transaction());
        }
        FeaturePipeline original = new FeaturePipeline();
        double[] row = new double[SIZE];
        double[] sequence = new double[FeaturePipeline.DEFAULT_SEQUENCE_LENGTH * SIZE];
        history.subList(0, 3000).forEach(t -> original.next(t, row, sequence));
        FeaturePipeline restored = new FeaturePipeline();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                getClass().getResourceAsStream("/features/account-states-format-" + format + ".tsv"),
                java.nio.charset.StandardCharsets.UTF_8))) {
            lines.lines()
                    .map(line -> line.split("\t"))
                    .forEach(f ->
                            restored.restore(f[0], java.util.Base64.getDecoder().decode(f[1])));
        }
        assertThat(restored.accountsTracked()).isEqualTo(20);
        double[] expected = new double[SIZE];
        double[] actual = new double[SIZE];
        double[] restoredSequence = new double[sequence.length];
        for (Transaction t : history.subList(3000, 4000)) {
            original.next(t, expected);
            restored.next(t, actual, restoredSequence);
            for (int j = 0; j < SIZE; j++) {
                if (!sharedAcrossAccounts(j)) {
                    assertThat(actual[j])
                            .as("%s of %s", FeatureCatalogue.feature(j).name(), t.transactionId())
                            .isEqualTo(expected[j]);
                }
            }
        }
    }

    @Test
    void theCompactStateIsUnderHalfTheFixedWidthOne() throws Exception {
        long compact = 0;
        long fixedWidth = 0;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                getClass().getResourceAsStream("/features/account-states-format-2.tsv"),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String[] f : lines.lines().map(line -> line.split("\t")).toList()) {
                byte[] old = java.util.Base64.getDecoder().decode(f[1]);
                fixedWidth += old.length;
                compact += AccountState.decode(old).encode().length;
            }
        }
        assertThat((double) compact / fixedWidth).isLessThan(0.5);
    }

    /** Device and IP traffic and the fraud records of merchants, beneficiaries and devices: an account's state does not carry them. */
    private static boolean sharedAcrossAccounts(int feature) {
        return feature == DEVICE_COUNT_1H
                || feature == IP_COUNT_1H
                || feature == MERCHANT_RISK
                || keyKindOf(feature) >= 0;
    }

    private static double[] withoutSharedFeatures(double[] sequence) {
        double[] copy = sequence.clone();
        for (int base = 0; base < copy.length; base += SIZE) {
            for (int j = 0; j < SIZE; j++) {
                if (sharedAcrossAccounts(j)) {
                    copy[base + j] = 0;
                }
            }
        }
        return copy;
    }

    @Test
    void replayingTheSameHistoryGivesTheSameVectorsAsTheLiveBatches() {
        List<Transaction> history = new ArrayList<>();
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(3, Instant.parse("2026-01-01T00:00:00Z"))
                        .withAccounts(50));
        for (int i = 0; i < 3000; i++) {
            history.add(generator.next().transaction());
        }
        double[][] replayed = new double[history.size()][SIZE];
        FeaturePipeline training = new FeaturePipeline();
        for (int i = 0; i < history.size(); i++) {
            training.next(history.get(i), replayed[i]);
        }
        pe.centinela.core.inference.ScoringEngine live =
                new pe.centinela.core.inference.ScoringEngine(null, java.time.Clock.systemUTC());
        List<double[]> batched = new ArrayList<>();
        for (int from = 0; from < history.size(); from += 137) {
            batched.addAll(List.of(live.prepare(history.subList(from, Math.min(history.size(), from + 137)))
                    .rows()));
        }
        assertThat(batched.toArray(double[][]::new)).isDeepEqualTo(replayed);
    }
}
