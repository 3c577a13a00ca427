package pe.centinela.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.time.LimaTime;

class FraudScenarioTest {

    private static final Set<String> HIGH_VALUE_MCCS = Set.of("5732", "5944", "5311", "4722");

    @Test
    void codesAreLowerSnakeCase() {
        assertThat(FraudScenario.NONE.code()).isEqualTo("none");
        assertThat(FraudScenario.ACCOUNT_TAKEOVER.code()).isEqualTo("account_takeover");
        assertThat(FraudScenario.CARD_TESTING.code()).isEqualTo("card_testing");
        assertThat(FraudScenario.COMPROMISED_POS.code()).isEqualTo("compromised_pos");
        assertThat(FraudScenario.AMOUNT_SPIKE.code()).isEqualTo("amount_spike");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.005, 0.02})
    void fraudFractionIsWithinAQuarterOfTheRequestedRate(double fraudRate) {
        GeneratedSample sample = GeneratedSample.of(2024, fraudRate, GeneratedSample.LARGE);
        long frauds = sample.rows().stream().filter(GeneratedTransaction::fraud).count();

        assertThat(frauds / (double) sample.rows().size()).isBetween(fraudRate * 0.75, fraudRate * 1.25);
    }

    @Test
    void zeroFraudRateGivesOnlyLegitimateRows() {
        TransactionGenerator generator = GeneratedSample.generator(4, 0);

        for (int i = 0; i < 50_000; i++) {
            assertThat(generator.next().fraud()).isFalse();
        }
    }

    @Test
    void everyScenarioAppearsInTwoHundredThousandRows() {
        Map<FraudScenario, Integer> counts = new EnumMap<>(FraudScenario.class);
        for (GeneratedTransaction row : GeneratedSample.standard().rows()) {
            counts.merge(row.scenario(), 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys(FraudScenario.values());
        assertThat(counts.get(FraudScenario.AMOUNT_SPIKE)).isGreaterThan(20);
    }

    @Test
    void accountTakeoverPaysNewBeneficiariesAtNightInLimaFromAnUnknownDevice() {
        GeneratedSample sample = GeneratedSample.standard();
        Set<String> seenCounterparties = new HashSet<>();
        Map<String, Set<String>> usualDevices = new HashMap<>();
        int takeovers = 0;
        for (GeneratedTransaction row : sample.rows()) {
            Transaction t = row.transaction();
            if (row.scenario() == FraudScenario.ACCOUNT_TAKEOVER) {
                takeovers++;
                assertThat(t.channel()).isIn(Channel.TRANSFER, Channel.WALLET);
                assertThat(LimaTime.hourOfEpochMilli(t.timestamp().toEpochMilli()))
                        .isBetween(0, 4);
                assertThat(seenCounterparties).doesNotContain(t.counterpartyAccount());
                assertThat(usualDevices.getOrDefault(t.accountId(), Set.of())).doesNotContain(t.deviceId());
            } else if (!row.fraud()) {
                usualDevices
                        .computeIfAbsent(t.accountId(), key -> new HashSet<>())
                        .add(t.deviceId());
            }
            if (t.counterpartyAccount() != null) {
                seenCounterparties.add(t.counterpartyAccount());
            }
        }
        assertThat(takeovers).isGreaterThan(50);
    }

    @Test
    void accountTakeoverDrainsManyTimesTheUsualAmountInTwoToSixTransfersWithinHalfAnHour() {
        Map<String, Double> usual = legitimateMedians(row -> true);
        for (List<Transaction> incident : incidents(FraudScenario.ACCOUNT_TAKEOVER)) {
            double usualAmount = usual.getOrDefault(incident.get(0).accountId(), 0.0);
            assertThat(incident).hasSizeBetween(2, 6).allMatch(t -> t.amountPen() > usualAmount);
            assertThat(incident.stream().mapToDouble(Transaction::amountPen).sum())
                    .isGreaterThan(8 * usualAmount);
            assertThat(span(incident)).isLessThanOrEqualTo(Duration.ofMinutes(30));
            assertThat(incident)
                    .extracting(Transaction::ip)
                    .containsOnly(incident.get(0).ip());
        }
    }

    @Test
    void cardTestingProbesWithTinyOnlineChargesThenMakesOneLargePurchase() {
        List<List<Transaction>> incidents = incidents(FraudScenario.CARD_TESTING);

        assertThat(incidents).hasSizeGreaterThan(10);
        for (List<Transaction> incident : incidents) {
            List<Transaction> probes = incident.subList(0, incident.size() - 1);
            Transaction purchase = incident.get(incident.size() - 1);
            assertThat(probes).hasSizeBetween(5, 15).allSatisfy(probe -> {
                assertThat(probe.channel()).isEqualTo(Channel.ECOMMERCE);
                assertThat(probe.amountPen()).isBetween(1.0, 5.0);
            });
            assertThat(purchase.amountPen()).isGreaterThanOrEqualTo(1500.0);
            assertThat(purchase.merchantCategoryCode()).isIn("5732", "5944");
            assertThat(span(incident)).isLessThanOrEqualTo(Duration.ofMinutes(10));
        }
    }

    @Test
    void compromisedPosFraudUsesCardsThatEarlierPaidAtTheSkimmingMerchantOnlineOrInAnotherCity() {
        GeneratedSample sample = GeneratedSample.standard();
        Map<String, Merchant> merchants = merchantsById(sample);
        Map<String, Set<String>> earlierPosMerchants = new HashMap<>();
        int frauds = 0;
        for (int i = 0; i < sample.rows().size(); i++) {
            GeneratedTransaction row = sample.rows().get(i);
            Transaction t = row.transaction();
            if (row.scenario() == FraudScenario.COMPROMISED_POS) {
                frauds++;
                String skimmer = sample.skimmedAt().get(i);
                assertThat(earlierPosMerchants.get(t.accountId())).contains(skimmer);
                assertThat(t.channel()).isIn(Channel.POS, Channel.ECOMMERCE);
                if (t.channel() == Channel.POS) {
                    assertThat(merchants.get(t.merchantId()).city())
                            .isNotEqualTo(merchants.get(skimmer).city());
                }
            } else if (!row.fraud() && t.channel() == Channel.POS) {
                earlierPosMerchants
                        .computeIfAbsent(t.accountId(), key -> new HashSet<>())
                        .add(t.merchantId());
            } else {
                assertThat(sample.skimmedAt().get(i)).isNull();
            }
        }
        assertThat(frauds).isGreaterThan(50);
    }

    @Test
    void compromisedPosFraudHitsSeveralCardsPerMerchantWithHigherAmountsOftenAtNight() {
        GeneratedSample sample = GeneratedSample.standard();
        Map<String, Double> usual =
                legitimateMedians(t -> t.channel() == Channel.POS || t.channel() == Channel.ECOMMERCE);
        Map<String, Set<String>> cardsBySkimmer = new HashMap<>();
        int atNight = 0;
        int frauds = 0;
        for (int i = 0; i < sample.rows().size(); i++) {
            if (sample.rows().get(i).scenario() == FraudScenario.COMPROMISED_POS) {
                Transaction t = sample.rows().get(i).transaction();
                frauds++;
                cardsBySkimmer
                        .computeIfAbsent(sample.skimmedAt().get(i), key -> new HashSet<>())
                        .add(t.accountId());
                int hour = LimaTime.hourOfEpochMilli(t.timestamp().toEpochMilli());
                atNight += hour >= 22 || hour < 4 ? 1 : 0;
                assertThat(t.amountPen()).isGreaterThan(usual.getOrDefault(t.accountId(), 0.0));
            }
        }

        assertThat(cardsBySkimmer.values().stream()
                        .filter(cards -> cards.size() >= 2)
                        .count())
                .isGreaterThanOrEqualTo(cardsBySkimmer.size() * 2L / 3);
        assertThat(atNight).isGreaterThan(frauds / 3);
    }

    @Test
    void amountSpikeIsManyTimesTheAccountsUsualCardPaymentAtAHighValueMerchant() {
        Map<String, Double> usual =
                legitimateMedians(t -> t.channel() == Channel.POS || t.channel() == Channel.ECOMMERCE);
        List<GeneratedTransaction> spikes = GeneratedSample.standard().ofScenario(FraudScenario.AMOUNT_SPIKE);

        assertThat(spikes).hasSizeGreaterThan(20).allSatisfy(row -> {
            Transaction t = row.transaction();
            assertThat(t.merchantCategoryCode()).isIn(HIGH_VALUE_MCCS);
            assertThat(t.amountPen()).isGreaterThan(3 * usual.getOrDefault(t.accountId(), 0.0));
        });
    }

    private static Map<String, Merchant> merchantsById(GeneratedSample sample) {
        Map<String, Merchant> byId = new HashMap<>();
        sample.catalogue().merchants().forEach(merchant -> byId.put(merchant.id(), merchant));
        return byId;
    }

    private static Map<String, Double> legitimateMedians(Predicate<Transaction> filter) {
        Map<String, List<Double>> amounts = new HashMap<>();
        for (GeneratedTransaction row : GeneratedSample.standard().rows()) {
            if (!row.fraud() && filter.test(row.transaction())) {
                amounts.computeIfAbsent(row.transaction().accountId(), key -> new ArrayList<>())
                        .add(row.transaction().amountPen());
            }
        }
        Map<String, Double> medians = new HashMap<>();
        amounts.forEach((account, values) -> medians.put(account, median(values)));
        return medians;
    }

    /** Consecutive frauds of one scenario on one account, split where they are more than two hours apart. */
    private static List<List<Transaction>> incidents(FraudScenario scenario) {
        Map<String, List<Transaction>> open = new HashMap<>();
        List<List<Transaction>> incidents = new ArrayList<>();
        for (GeneratedTransaction row : GeneratedSample.standard().ofScenario(scenario)) {
            Transaction t = row.transaction();
            List<Transaction> current = open.get(t.accountId());
            if (current == null
                    || Duration.between(current.get(current.size() - 1).timestamp(), t.timestamp())
                                    .compareTo(Duration.ofHours(2))
                            > 0) {
                current = new ArrayList<>();
                open.put(t.accountId(), current);
                incidents.add(current);
            }
            current.add(t);
        }
        Transaction last =
                GeneratedSample.standard().rows().get(GeneratedSample.LARGE - 1).transaction();
        incidents.removeIf(incident ->
                Duration.between(incident.get(0).timestamp(), last.timestamp()).compareTo(Duration.ofHours(1)) < 0);
        return incidents;
    }

    private static Duration span(List<Transaction> incident) {
        return Duration.between(
                incident.get(0).timestamp(), incident.get(incident.size() - 1).timestamp());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
