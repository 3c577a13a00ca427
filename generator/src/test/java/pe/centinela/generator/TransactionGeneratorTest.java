package pe.centinela.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.time.LimaTime;

class TransactionGeneratorTest {

    private static final Set<String> USD_MCCS = Set.of("4722", "7011");

    @Test
    void anInjectedMuleRingSendsTwoVictimsMoneyFromOneDeviceToTheMuleWhichPassesItOn() {
        TransactionGenerator generator = GeneratedSample.generator(7, 0.0);
        for (int i = 0; i < 5_000; i++) {
            generator.next();
        }

        MuleRing ring = generator.injectMuleRing();

        List<Transaction> ringRows = new ArrayList<>();
        for (int i = 0; i < 20_000 && ringRows.size() < 7; i++) {
            GeneratedTransaction row = generator.next();
            if (row.scenario() == FraudScenario.ACCOUNT_TAKEOVER) {
                ringRows.add(row.transaction());
            }
        }
        List<Transaction> toMule = ringRows.stream()
                .filter(tx -> ring.mule().equals(tx.counterpartyAccount()))
                .toList();
        List<Transaction> cashOut = ringRows.stream()
                .filter(tx -> ring.cashOutTo().equals(tx.counterpartyAccount()))
                .toList();

        assertThat(ring.victims()).hasSize(2).doesNotContain(ring.mule());
        assertThat(toMule).hasSize(5);
        assertThat(toMule)
                .extracting(Transaction::accountId)
                .containsOnly(ring.victims().toArray(String[]::new));
        assertThat(toMule).extracting(Transaction::deviceId).containsOnly(ring.device());
        assertThat(toMule.get(0).timestamp()).isEqualTo(ring.startsAt());
        assertThat(cashOut).hasSize(2).extracting(Transaction::accountId).containsOnly(ring.mule());
        assertThat(cashOut.get(0).timestamp()).isAfter(toMule.get(4).timestamp());
        BigDecimal received = toMule.stream().map(Transaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal passedOn = cashOut.stream().map(Transaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(passedOn.doubleValue()).isCloseTo(received.doubleValue() * 0.9, within(2.0));
    }

    @Test
    void sameSeedGivesIdenticalRows() {
        assertThat(rows(GeneratedSample.generator(11, 0.02), 20_000))
                .isEqualTo(rows(GeneratedSample.generator(11, 0.02), 20_000));
    }

    @Test
    void differentSeedsGiveDifferentRows() {
        List<GeneratedTransaction> first = rows(GeneratedSample.generator(11, 0.02), 1_000);
        List<GeneratedTransaction> second = rows(GeneratedSample.generator(12, 0.02), 1_000);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.get(0).transaction().transactionId())
                .isNotEqualTo(second.get(0).transaction().transactionId());
    }

    @Test
    void streamNeverEnds() {
        TransactionGenerator generator = GeneratedSample.generator(3, 0.005);
        for (int i = 0; i < 1000; i++) {
            assertThat(generator.hasNext()).isTrue();
            generator.next();
        }
    }

    @Test
    void timestampsNeverDecreaseAndClockIsTheLastTimestamp() {
        TransactionGenerator generator = GeneratedSample.generator(5, 0.02);
        assertThat(generator.clock()).isEqualTo(GeneratedSample.START);
        Instant previous = GeneratedSample.START;
        for (int i = 0; i < 100_000; i++) {
            Instant timestamp = generator.next().transaction().timestamp();
            assertThat(timestamp).isAfterOrEqualTo(previous);
            assertThat(generator.clock()).isEqualTo(timestamp);
            previous = timestamp;
        }
    }

    @Test
    void simulatedTimeAdvancesAtTheConfiguredRate() {
        List<Transaction> transactions = GeneratedSample.standard().transactions();
        double days = (transactions.get(transactions.size() - 1).timestamp().toEpochMilli()
                        - GeneratedSample.START.toEpochMilli())
                / 86_400_000.0;

        assertThat(transactions.size() / days).isBetween(5000 * 3 * 0.85, 5000 * 3 * 1.2);
    }

    @Test
    void transactionIdsAreUniqueAndShareASeedPrefix() {
        List<Transaction> transactions = GeneratedSample.standard().transactions();
        Set<String> ids = transactions.stream().map(Transaction::transactionId).collect(Collectors.toSet());
        String prefix = transactions.get(0).transactionId().substring(0, 12);

        assertThat(ids).hasSize(transactions.size());
        assertThat(ids).allMatch(id -> id.startsWith(prefix) && id.matches("tx-[0-9a-f]{8}-\\d{12}"));
        assertThat(rows(GeneratedSample.generator(99, 0.005), 1)
                        .get(0)
                        .transaction()
                        .transactionId())
                .doesNotStartWith(prefix);
    }

    @Test
    void everyRowIsAPositiveSolesAmountWithLabelAndGeneratorSource() {
        for (GeneratedTransaction row : GeneratedSample.standard().rows()) {
            Transaction t = row.transaction();
            assertThat(t.accountId()).matches("acc-\\d{6}");
            assertThat(t.amount().scale()).isEqualTo(2);
            assertThat(t.amount()).isPositive();
            assertThat(t.originalAmount().scale()).isEqualTo(2);
            assertThat(t.currency()).isEqualTo("PEN");
            assertThat(t.originalCurrency()).isIn("PEN", "USD");
            assertThat(t.fraudLabel()).isEqualTo(row.fraud());
            assertThat(t.source())
                    .isEqualTo(new SourceMetadata(
                            "generator", "generator", t.timestamp(), null, SourceMetadata.CURRENT_SCHEMA_VERSION));
        }
    }

    @Test
    void merchantsAndCategoryCodesComeFromTheCatalogue() {
        GeneratedSample sample = GeneratedSample.standard();
        Map<String, Merchant> byId =
                sample.catalogue().merchants().stream().collect(Collectors.toMap(Merchant::id, merchant -> merchant));

        for (Transaction t : sample.transactions()) {
            Merchant merchant = byId.get(t.merchantId());
            assertThat(merchant).as(t.merchantId()).isNotNull();
            assertThat(t.merchantCategoryCode()).matches("\\d{4}").isEqualTo(merchant.mcc());
            assertThat(t.country()).isEqualTo(merchant.country());
            assertThat(t.channel()).isEqualTo(merchant.channel());
        }
    }

    @Test
    void channelDecidesWhichOfDeviceIpAndCounterpartyAreFilled() {
        for (Transaction t : GeneratedSample.standard().transactions()) {
            assertThat(t.deviceId()).isNotBlank();
            switch (t.channel()) {
                case POS ->
                    assertThat(t.deviceId()).startsWith("pos-" + t.merchantId().substring(2));
                case ATM ->
                    assertThat(t.deviceId()).isEqualTo("atm-" + t.merchantId().substring(2));
                default -> assertThat(t.ip()).matches("\\d{1,3}(\\.\\d{1,3}){3}");
            }
            boolean personToPerson = t.channel() == Channel.TRANSFER || t.channel() == Channel.WALLET;
            assertThat(t.counterpartyAccount() != null).isEqualTo(personToPerson);
            if (t.channel() == Channel.POS || t.channel() == Channel.ATM) {
                assertThat(t.ip()).isNull();
            }
        }
    }

    @Test
    void everyChannelIsUsedAndCardPaymentsDominate() {
        Map<Channel, Long> byChannel = GeneratedSample.standard().transactions().stream()
                .collect(Collectors.groupingBy(Transaction::channel, Collectors.counting()));

        assertThat(byChannel).containsOnlyKeys(Channel.values());
        assertThat(byChannel.get(Channel.POS)).isGreaterThan(byChannel.get(Channel.WALLET));
        assertThat(byChannel.get(Channel.WALLET)).isGreaterThan(byChannel.get(Channel.TRANSFER));
    }

    @Test
    void dollarPaymentsConvertAtTheFixedRateAndOnlyOnlineOrForTravel() {
        List<Transaction> dollars = GeneratedSample.standard().transactions().stream()
                .filter(t -> t.originalCurrency().equals("USD"))
                .toList();

        assertThat(dollars).hasSizeGreaterThan(100);
        assertThat(dollars).anyMatch(t -> !t.country().equals("PE"));
        for (Transaction t : dollars) {
            assertThat(t.amount())
                    .isEqualByComparingTo(t.originalAmount()
                            .multiply(TransactionGenerator.USD_TO_PEN)
                            .setScale(2, RoundingMode.HALF_UP));
            assertThat(t.channel() == Channel.ECOMMERCE || USD_MCCS.contains(t.merchantCategoryCode()))
                    .isTrue();
        }
    }

    @Test
    void solesPaymentsKeepTheirAmountAsOriginal() {
        for (Transaction t : GeneratedSample.standard().transactions()) {
            if (t.originalCurrency().equals("PEN")) {
                assertThat(t.originalAmount()).isEqualTo(t.amount());
                assertThat(t.country()).isEqualTo("PE");
            }
        }
    }

    @Test
    void zeroDollarShareGivesOnlySoles() {
        TransactionGenerator generator = new TransactionGenerator(
                GeneratorSettings.defaults(8, GeneratedSample.START).withUsdShare(0));

        for (int i = 0; i < 50_000; i++) {
            assertThat(generator.next().transaction().originalCurrency()).isEqualTo("PEN");
        }
    }

    @Test
    void legitimateTrafficIsQuietBeforeDawnInLimaAndBusyAtLunchAndEvening() {
        int[] byLimaHour = new int[24];
        for (GeneratedTransaction row : GeneratedSample.standard().rows()) {
            if (!row.fraud()) {
                byLimaHour[
                        LimaTime.hourOfEpochMilli(row.transaction().timestamp().toEpochMilli())]++;
            }
        }

        assertThat(byLimaHour[3] * 8).isLessThan(byLimaHour[13]);
        assertThat(byLimaHour[3] * 8).isLessThan(byLimaHour[19]);
        assertThat(byLimaHour[13]).isGreaterThan(byLimaHour[9]);
        assertThat(byLimaHour[19]).isGreaterThan(byLimaHour[16]);
    }

    @Test
    void atmWithdrawalsAreRoundAmounts() {
        List<Transaction> withdrawals = GeneratedSample.standard().transactions().stream()
                .filter(t -> t.channel() == Channel.ATM)
                .toList();

        assertThat(withdrawals).isNotEmpty().allSatisfy(t -> {
            assertThat(t.merchantCategoryCode()).isEqualTo("6011");
            assertThat(t.amount().remainder(BigDecimal.TEN)).isZero();
        });
    }

    @Test
    void eachAccountPaysAFewUsualWalletContactsFromItsUsualDeviceAndIp() {
        Map<String, Set<String>> contacts = new HashMap<>();
        Map<String, Set<String>> devices = new HashMap<>();
        Map<String, Set<String>> ips = new HashMap<>();
        for (GeneratedTransaction row : GeneratedSample.standard().rows()) {
            Transaction t = row.transaction();
            if (row.fraud() || t.ip() == null) {
                continue;
            }
            devices.computeIfAbsent(t.accountId(), key -> new HashSet<>()).add(t.deviceId());
            ips.computeIfAbsent(t.accountId(), key -> new HashSet<>()).add(t.ip());
            if (t.channel() == Channel.WALLET) {
                contacts.computeIfAbsent(t.accountId(), key -> new HashSet<>()).add(t.counterpartyAccount());
            }
        }

        assertThat(contacts.values()).allMatch(set -> set.size() <= 8);
        assertThat(contacts.values().stream().mapToInt(Set::size).max().orElseThrow())
                .isGreaterThanOrEqualTo(5);
        assertThat(devices.values()).allMatch(set -> set.size() == 1);
        assertThat(ips.values()).allMatch(set -> set.size() == 1);
    }

    @Test
    void accountsSpendAtDifferentLevels() {
        Map<String, List<Double>> cardAmounts = new HashMap<>();
        for (Transaction t : GeneratedSample.standard().transactions()) {
            if (t.channel() == Channel.POS && !t.fraudLabel()) {
                cardAmounts
                        .computeIfAbsent(t.accountId(), key -> new ArrayList<>())
                        .add(t.amountPen());
            }
        }
        List<Double> medians = cardAmounts.values().stream()
                .filter(list -> list.size() >= 15)
                .map(TransactionGeneratorTest::median)
                .sorted()
                .toList();

        assertThat(medians.get(medians.size() * 9 / 10)).isGreaterThan(2.5 * medians.get(medians.size() / 10));
    }

    @Test
    void pendingFraudStaysBoundedOverAMillionRows() {
        TransactionGenerator generator = GeneratedSample.generator(21, 0.02);
        int maxPending = 0;
        for (int i = 0; i < 1_000_000; i++) {
            generator.next();
            maxPending = Math.max(maxPending, generator.pendingFraud());
        }

        assertThat(maxPending).isLessThan(1_000);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<GeneratedTransaction> rows(TransactionGenerator generator, int count) {
        List<GeneratedTransaction> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(generator.next());
        }
        return rows;
    }
}
