package pe.centinela.generator.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import pe.centinela.core.evaluation.Metrics;
import pe.centinela.core.time.LimaTime;

class TerminalsGeneratorTest {

    private final TerminalsSample sample = TerminalsSample.get();

    @Test
    void sameSeedGivesTheSameRowsAndAnotherSeedOthers() throws IOException {
        assertThat(csv(42, 20_000)).isEqualTo(csv(42, 20_000));
        assertThat(csv(43, 1_000)).isNotEqualTo(csv(42, 1_000));
    }

    @Test
    void timestampsNeverDecreaseAndNumbersCountUp() {
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < sample.rows.size(); i++) {
            TerminalTransaction row = sample.rows.get(i);
            assertThat(row.epochSecond()).isGreaterThanOrEqualTo(previous);
            assertThat(row.number()).isEqualTo(i + 1);
            previous = row.epochSecond();
        }
        assertThat(sample.rows.get(0).epochSecond())
                .isGreaterThanOrEqualTo(TerminalsSettings.defaults(0).start().getEpochSecond());
    }

    @Test
    void aboutOneInAHundredToTwoHundredPaymentsIsFraud() {
        long frauds = sample.rows.stream().filter(TerminalTransaction::fraud).count();
        assertThat(frauds / (double) sample.rows.size()).isBetween(0.005, 0.01);
    }

    @Test
    void everyPatternIsPresent() {
        Map<FraudPattern, Long> counts = new EnumMap<>(FraudPattern.class);
        sample.rows.forEach(row -> counts.merge(row.pattern(), 1L, Long::sum));
        for (FraudPattern pattern :
                List.of(FraudPattern.COMPROMISED_TERMINAL, FraudPattern.ACCOUNT_TAKEOVER, FraudPattern.CARD_TESTING)) {
            assertThat(counts.getOrDefault(pattern, 0L)).as(pattern.code()).isGreaterThan(200);
            assertThat(sample.generator.incidents(pattern)).as(pattern.code()).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void everyPaymentAtACompromisedTerminalWithinItsWindowIsFraud() {
        Map<Integer, List<CompromisedTerminals.Window>> windows = new TreeMap<>();
        sample.generator
                .compromisedWindows()
                .forEach(w -> windows.computeIfAbsent(w.terminal(), t -> new ArrayList<>())
                        .add(w));
        long inWindows = 0;
        for (TerminalTransaction row : sample.rows) {
            boolean covered = windows.getOrDefault(row.terminal(), List.of()).stream()
                    .anyMatch(w -> w.covers(row.terminal(), row.epochSecond()));
            if (covered) {
                inWindows++;
                assertThat(row.fraud())
                        .as("payment %d at a compromised terminal", row.number())
                        .isTrue();
            } else {
                assertThat(row.pattern()).isNotEqualTo(FraudPattern.COMPROMISED_TERMINAL);
            }
        }
        assertThat(inWindows).isGreaterThan(200);
    }

    @Test
    void takeoverFraudIsOutsideTheHomeTerminalsAtTwoToFiveTimesTheAccountsLevel() {
        List<TerminalTransaction> takeovers = sample.rows.stream()
                .filter(r -> r.pattern() == FraudPattern.ACCOUNT_TAKEOVER)
                .toList();
        assertThat(takeovers).hasSizeGreaterThan(200);
        for (TerminalTransaction row : takeovers) {
            Cardholder owner = sample.cardholder(row);
            assertThat(owner.isHome(row.terminal()))
                    .as("payment %d at a home terminal", row.number())
                    .isFalse();
            assertThat(row.cents() / 100.0)
                    .isBetween(2 * owner.level() - 0.01, Math.max(1.0, 5 * owner.level() + 0.01));
        }
    }

    @Test
    void cardTestingIsTinyPaymentsAtDifferentTerminalsWithinAnHourThenNearTheLargestUsualAmount() {
        long end = sample.rows.get(sample.rows.size() - 1).epochSecond();
        int checked = 0;
        for (List<TerminalTransaction> incident : cardTestingIncidents()) {
            Cardholder victim = sample.cardholder(incident.get(0));
            boolean complete = incident.get(incident.size() - 1).epochSecond() < end - 6 * 3600;
            if (!complete || victim.largestUsual() * 0.8 <= 5) {
                continue;
            }
            List<TerminalTransaction> tests =
                    incident.stream().filter(r -> r.cents() <= 500).toList();
            List<TerminalTransaction> cashOuts =
                    incident.stream().filter(r -> r.cents() > 500).toList();
            assertThat(tests).hasSizeBetween(3, 8);
            assertThat(cashOuts).hasSizeBetween(1, 3);
            assertThat(tests.get(tests.size() - 1).epochSecond() - tests.get(0).epochSecond())
                    .isLessThanOrEqualTo(3600);
            assertThat(tests.stream()
                            .map(TerminalTransaction::terminal)
                            .distinct()
                            .count())
                    .isEqualTo(tests.size());
            assertThat(cashOuts.get(0).epochSecond())
                    .isGreaterThan(tests.get(tests.size() - 1).epochSecond());
            for (TerminalTransaction cashOut : cashOuts) {
                assertThat(cashOut.cents() / 100.0)
                        .isBetween(0.8 * victim.largestUsual() - 0.01, victim.largestUsual() + 0.01);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void accountsPayMostlyAtTheirHomeTerminals() {
        List<TerminalTransaction> everyday = sample.rows.stream()
                .filter(r -> r.pattern() == FraudPattern.NONE)
                .toList();
        long atHome = everyday.stream()
                .filter(r -> sample.cardholder(r).isHome(r.terminal()))
                .count();
        assertThat(atHome / (double) everyday.size()).isBetween(0.77, 0.83);
    }

    @Test
    void moreIsPaidByDayThanAtNight() {
        long night = sample.rows.stream()
                .filter(r -> LimaTime.hourOfEpochSecond(r.epochSecond()) < 6)
                .count();
        long afternoon = sample.rows.stream()
                .filter(r -> LimaTime.hourOfEpochSecond(r.epochSecond()) >= 12
                        && LimaTime.hourOfEpochSecond(r.epochSecond()) < 18)
                .count();
        assertThat(night * 4).isLessThan(afternoon);
    }

    @Test
    void theAmountAloneIsAWeakSignal() {
        double[] amounts = new double[sample.rows.size()];
        boolean[] fraud = new boolean[sample.rows.size()];
        for (int i = 0; i < amounts.length; i++) {
            amounts[i] = sample.rows.get(i).cents();
            fraud[i] = sample.rows.get(i).fraud();
        }
        double averagePrecision = Metrics.averagePrecision(amounts, fraud);
        assertThat(averagePrecision)
                .as("average precision of the amount alone: %.4f", averagePrecision)
                .isLessThan(0.4);
    }

    private List<List<TerminalTransaction>> cardTestingIncidents() {
        Map<Integer, List<TerminalTransaction>> byAccount = new TreeMap<>();
        sample.rows.stream()
                .filter(r -> r.pattern() == FraudPattern.CARD_TESTING)
                .forEach(r -> byAccount
                        .computeIfAbsent(r.account(), a -> new ArrayList<>())
                        .add(r));
        List<List<TerminalTransaction>> incidents = new ArrayList<>();
        for (List<TerminalTransaction> rows : byAccount.values()) {
            List<TerminalTransaction> current = new ArrayList<>();
            for (TerminalTransaction row : rows) {
                if (!current.isEmpty()
                        && row.epochSecond() - current.get(current.size() - 1).epochSecond() > 12 * 3600) {
                    incidents.add(current);
                    current = new ArrayList<>();
                }
                current.add(row);
            }
            incidents.add(current);
        }
        return incidents;
    }

    private static String csv(long seed, int rows) throws IOException {
        StringWriter out = new StringWriter();
        TerminalsFile.write(TerminalsSettings.defaults(seed), rows, out, done -> {});
        return out.toString();
    }
}
