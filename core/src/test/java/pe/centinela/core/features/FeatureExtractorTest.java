package pe.centinela.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static pe.centinela.core.features.FeatureCatalogue.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pe.centinela.core.generator.GeneratorSettings;
import pe.centinela.core.generator.TransactionGenerator;
import pe.centinela.core.model.Channel;
import pe.centinela.core.model.Transaction;

class FeatureExtractorTest {

    private final FeatureExtractor extractor = new FeatureExtractor();

    static Transaction tx(String id, String time, double amount, String merchant, Channel channel, String counterparty, String device) {
        return new Transaction(id, "acc-1", BigDecimal.valueOf(amount), "PEN", BigDecimal.valueOf(amount), "PEN", Instant.parse(time),
                merchant, "5411", channel, device, null, counterparty, "PE", null, null);
    }

    private double[] features(Transaction t, AccountState state) {
        double[] out = new double[FeatureCatalogue.SIZE];
        extractor.extract(t, state, out);
        return out;
    }

    @Test
    void catalogueDescribesEveryFeatureOnce() {
        assertThat(FeatureCatalogue.features()).hasSize(FeatureCatalogue.SIZE);
        assertThat(FeatureCatalogue.features()).extracting(FeatureSpec::name).doesNotHaveDuplicates();
        assertThat(FeatureCatalogue.features()).allSatisfy(f -> {
            assertThat(f.description()).isNotBlank();
            assertThat(f.pattern()).isNotBlank();
        });
    }

    @Test
    void timeOfDayIsTakenInLima() {
        double[] f = features(tx("t", "2026-03-10T07:40:00Z", 50, "m", Channel.POS, null, null), new AccountState());
        assertThat(f[NIGHT]).isEqualTo(1.0);
        assertThat(LimaTime.hour(Instant.parse("2026-03-10T07:40:00Z"))).isEqualTo(2);
        assertThat(f[HOUR_SIN]).isCloseTo(Math.sin(2 * Math.PI * (2 * 3600 + 40 * 60) / 86400.0), within(1e-12));
    }

    @Test
    void saturdayInLimaIsWeekendEvenWhenItIsSundayInUtc() {
        double[] f = features(tx("t", "2026-03-15T03:00:00Z", 50, "m", Channel.POS, null, null), new AccountState());
        assertThat(LimaTime.dayOfWeek(Instant.parse("2026-03-15T03:00:00Z"))).isEqualTo(6);
        assertThat(f[WEEKEND]).isEqualTo(1.0);
    }

    @Test
    void amountIsComparedWithTheAccountsOwnAverage() {
        AccountState state = new AccountState();
        for (int i = 0; i < 10; i++) {
            state.observe(tx("h" + i, "2026-03-0" + (i % 9 + 1) + "T15:00:00Z", 100, "m", Channel.POS, null, "d1"));
        }
        FeatureContext ctx = extractor.extract(tx("t", "2026-03-10T15:00:00Z", 1200, "m", Channel.POS, null, "d1"), state, new double[SIZE]);
        assertThat(ctx.accountMeanAmount()).isEqualTo(100.0);
        double[] f = features(tx("t", "2026-03-10T15:00:00Z", 1200, "m", Channel.POS, null, "d1"), state);
        assertThat(f[AMOUNT_VS_ACCOUNT_MEAN]).isCloseTo(Math.log(1201.0 / 101.0), within(1e-12));
        assertThat(f[AMOUNT_ZSCORE_ACCOUNT]).isEqualTo(0.0);
    }

    @Test
    void velocityCountsOnlyTheLastHour() {
        AccountState state = new AccountState();
        state.observe(tx("a", "2026-03-10T10:00:00Z", 5, "m", Channel.ECOMMERCE, null, null));
        state.observe(tx("b", "2026-03-10T11:30:00Z", 3, "m", Channel.ECOMMERCE, null, null));
        state.observe(tx("c", "2026-03-10T11:58:30Z", 2, "m", Channel.ECOMMERCE, null, null));
        FeatureContext ctx = extractor.extract(tx("d", "2026-03-10T12:00:00Z", 900, "m", Channel.ECOMMERCE, null, null), state, new double[SIZE]);
        assertThat(ctx.count1h()).isEqualTo(2);
        assertThat(ctx.smallCount1h()).isEqualTo(2);
        assertThat(ctx.spent1h()).isEqualTo(5.0);
        assertThat(ctx.secondsSincePrevious()).isEqualTo(90);
    }

    @Test
    void firstPaymentToABeneficiaryAndFromANewDeviceAreFlagged() {
        AccountState state = new AccountState();
        state.observe(tx("a", "2026-03-10T10:00:00Z", 50, "yape", Channel.WALLET, "acc-mom", "phone-1"));
        double[] known = features(tx("b", "2026-03-10T11:00:00Z", 50, "yape", Channel.WALLET, "acc-mom", "phone-1"), state);
        double[] fresh = features(tx("c", "2026-03-10T11:00:00Z", 50, "yape", Channel.WALLET, "acc-mule", "phone-9"), state);
        assertThat(known[NEW_COUNTERPARTY]).isZero();
        assertThat(known[NEW_DEVICE]).isZero();
        assertThat(fresh[NEW_COUNTERPARTY]).isEqualTo(1.0);
        assertThat(fresh[NEW_DEVICE]).isEqualTo(1.0);
    }

    @Test
    void channelAndMerchantGroupAreOneHot() {
        double[] f = features(tx("t", "2026-03-10T15:00:00Z", 50, "m", Channel.ATM, null, null), new AccountState());
        double channels = 0;
        for (int i = CHANNEL_START; i < MCC_GROUP_START; i++) {
            channels += f[i];
        }
        assertThat(channels).isEqualTo(1.0);
        assertThat(f[CHANNEL_START + Channel.ATM.ordinal()]).isEqualTo(1.0);
        assertThat(f[MCC_GROUP_START + MccGroup.EVERYDAY.ordinal()]).isEqualTo(1.0);
    }

    @Test
    void replayingTheSameHistoryGivesTheSameVectors() {
        List<Transaction> history = new ArrayList<>();
        TransactionGenerator generator = new TransactionGenerator(GeneratorSettings.defaults(3, Instant.parse("2026-01-01T00:00:00Z")).withAccounts(50));
        for (int i = 0; i < 3000; i++) {
            history.add(generator.next().transaction());
        }
        assertThat(replay(history)).isDeepEqualTo(replay(history));
    }

    private static double[][] replay(List<Transaction> history) {
        FeatureExtractor extractor = new FeatureExtractor();
        Map<String, AccountState> accounts = new HashMap<>();
        double[][] rows = new double[history.size()][SIZE];
        for (int i = 0; i < history.size(); i++) {
            AccountState state = accounts.computeIfAbsent(history.get(i).accountId(), k -> new AccountState());
            extractor.extract(history.get(i), state, rows[i]);
            state.observe(history.get(i));
        }
        return rows;
    }
}
