package pe.centinela.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static pe.centinela.core.features.FeatureCatalogue.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.time.LimaTime;

class FeaturePipelineTest {

    private final FeaturePipeline pipeline = new FeaturePipeline(Duration.ofDays(2));

    static Transaction tx(
            String id,
            String time,
            double amount,
            String merchant,
            Channel channel,
            String counterparty,
            String device) {
        return tx(id, "acc-1", time, amount, merchant, channel, counterparty, device, null);
    }

    static Transaction tx(
            String id,
            String account,
            String time,
            double amount,
            String merchant,
            Channel channel,
            String counterparty,
            String device,
            Boolean label) {
        return new Transaction(
                id,
                account,
                BigDecimal.valueOf(amount),
                "PEN",
                BigDecimal.valueOf(amount),
                "PEN",
                Instant.parse(time),
                merchant,
                "5411",
                channel,
                device,
                null,
                counterparty,
                "PE",
                label,
                null);
    }

    private double[] features(Transaction t) {
        double[] out = new double[SIZE];
        pipeline.extract(t, out);
        return out;
    }

    @Test
    void catalogueDescribesEveryFeatureOnce() {
        assertThat(FeatureCatalogue.features()).hasSize(SIZE);
        assertThat(FeatureCatalogue.names())
                .doesNotHaveDuplicates()
                .contains(
                        "count_1h",
                        "max_30d",
                        "std_7d",
                        "sum_30d",
                        "merchant_risk",
                        "merchant_fraud_share_1d",
                        "merchant_count_30d",
                        "counterparty_fraud_share_7d",
                        "device_count_1d");
        assertThat(FeatureCatalogue.features()).allSatisfy(f -> {
            assertThat(f.description()).isNotBlank();
            assertThat(f.pattern()).isNotBlank();
        });
    }

    @Test
    void timeOfDayIsTakenInLima() {
        double[] f = features(tx("t", "2026-03-10T07:40:00Z", 50, "m", Channel.POS, null, null));
        assertThat(f[NIGHT]).isEqualTo(1.0);
        assertThat(LimaTime.hour(Instant.parse("2026-03-10T07:40:00Z"))).isEqualTo(2);
        assertThat(f[HOUR_SIN]).isCloseTo(Math.sin(2 * Math.PI * (2 * 3600 + 40 * 60) / 86400.0), within(1e-12));
    }

    @Test
    void saturdayInLimaIsWeekendEvenWhenItIsSundayInUtc() {
        double[] f = features(tx("t", "2026-03-15T03:00:00Z", 50, "m", Channel.POS, null, null));
        assertThat(LimaTime.dayOfWeek(Instant.parse("2026-03-15T03:00:00Z"))).isEqualTo(6);
        assertThat(f[WEEKEND]).isEqualTo(1.0);
    }

    @Test
    void amountIsComparedWithTheAccountsOwnAverageAndRecentMaximum() {
        for (int i = 0; i < 10; i++) {
            pipeline.observe(tx("h" + i, "2026-03-0" + (i % 9 + 1) + "T15:00:00Z", 100, "m", Channel.POS, null, "d1"));
        }
        double[] f = new double[SIZE];
        FeatureContext ctx = pipeline.extract(tx("t", "2026-03-10T15:00:00Z", 1200, "m", Channel.POS, null, "d1"), f);
        assertThat(ctx.accountMeanAmount()).isEqualTo(100.0);
        assertThat(f[AMOUNT_VS_ACCOUNT_MEAN]).isCloseTo(Math.log(1201.0 / 101.0), within(1e-12));
        assertThat(f[AMOUNT_VS_30D_MAX]).isCloseTo(Math.log(1201.0 / 101.0), within(1e-12));
        assertThat(f[window(3, 0)]).isCloseTo(Math.log1p(10), within(1e-12));
        assertThat(f[window(3, 3)]).isZero();
        assertThat(f[AMOUNT_ZSCORE_ACCOUNT]).isEqualTo(0.0);
    }

    @Test
    void velocityCountsOnlyTheLastHour() {
        pipeline.observe(tx("a", "2026-03-10T10:00:00Z", 5, "m", Channel.ECOMMERCE, null, null));
        pipeline.observe(tx("b", "2026-03-10T11:30:00Z", 3, "m", Channel.ECOMMERCE, null, null));
        pipeline.observe(tx("c", "2026-03-10T11:58:30Z", 2, "m", Channel.ECOMMERCE, null, null));
        double[] f = new double[SIZE];
        FeatureContext ctx =
                pipeline.extract(tx("d", "2026-03-10T12:00:00Z", 900, "m", Channel.ECOMMERCE, null, null), f);
        assertThat(ctx.count1h()).isEqualTo(2);
        assertThat(ctx.smallCount1h()).isEqualTo(2);
        assertThat(ctx.spent1h()).isEqualTo(5.0);
        assertThat(ctx.secondsSincePrevious()).isEqualTo(90);
        assertThat(f[COUNT_1D]).isCloseTo(Math.log1p(3), within(1e-12));
    }

    @Test
    void firstPaymentToABeneficiaryAndFromANewDeviceAreFlagged() {
        pipeline.observe(tx("a", "2026-03-10T10:00:00Z", 50, "yape", Channel.WALLET, "acc-mom", "phone-1"));
        double[] known = features(tx("b", "2026-03-10T11:00:00Z", 50, "yape", Channel.WALLET, "acc-mom", "phone-1"));
        double[] fresh = features(tx("c", "2026-03-10T11:00:00Z", 50, "yape", Channel.WALLET, "acc-mule", "phone-9"));
        assertThat(known[NEW_COUNTERPARTY]).isZero();
        assertThat(known[NEW_DEVICE]).isZero();
        assertThat(fresh[NEW_COUNTERPARTY]).isEqualTo(1.0);
        assertThat(fresh[NEW_DEVICE]).isEqualTo(1.0);
    }

    @Test
    void oneDeviceUsedByManyAccountsIsCounted() {
        for (int i = 0; i < 5; i++) {
            pipeline.observe(tx(
                    "d" + i,
                    "acc-" + i,
                    "2026-03-10T10:0" + i + ":00Z",
                    50,
                    "m",
                    Channel.WALLET,
                    "x",
                    "shared-phone",
                    null));
        }
        FeatureContext ctx = pipeline.extract(
                tx("e", "acc-9", "2026-03-10T10:30:00Z", 50, "m", Channel.WALLET, "x", "shared-phone", null),
                new double[SIZE]);
        assertThat(ctx.deviceCount1h()).isEqualTo(5);
    }

    @Test
    void aMerchantsFraudLabelsCountOnlyOnceTheyWouldHaveBeenKnown() {
        for (int i = 0; i < 4; i++) {
            pipeline.observe(tx(
                    "f" + i,
                    "acc-" + i,
                    "2026-03-10T10:0" + i + ":00Z",
                    50,
                    "skimmed",
                    Channel.POS,
                    null,
                    null,
                    Boolean.TRUE));
        }
        double[] sameDay =
                features(tx("g", "acc-9", "2026-03-11T09:00:00Z", 50, "skimmed", Channel.POS, null, null, null));
        double[] threeDaysLater =
                features(tx("h", "acc-9", "2026-03-13T09:00:00Z", 50, "skimmed", Channel.POS, null, null, null));
        assertThat(sameDay[MERCHANT_RISK]).isCloseTo(0.5 / 100, within(1e-12));
        assertThat(threeDaysLater[MERCHANT_RISK]).isCloseTo(4.5 / 104, within(1e-12));
    }

    private static Label decision(Transaction decided, boolean fraud, String decidedAt) {
        return new Label(
                decided.transactionId(),
                decided.accountId(),
                decided.merchantId(),
                fraud,
                "al-" + decided.transactionId(),
                "ana",
                Instant.parse(decidedAt),
                decided.timestamp(),
                decided.counterpartyAccount(),
                decided.deviceId());
    }

    @Test
    void aLateAnalystsDecisionCountsFromWhenItArrives() {
        Transaction decided = tx("a0", "acc-1", "2026-03-07T12:00:00Z", 50, "m-x", Channel.POS, null, null, null);
        pipeline.observe(decided);
        pipeline.confirmLabel(decision(decided, true, "2026-03-10T12:00:00Z"));
        double[] before = features(tx("a", "acc-2", "2026-03-10T11:59:00Z", 50, "m-x", Channel.POS, null, null, null));
        double[] after = features(tx("b", "acc-2", "2026-03-10T12:01:00Z", 50, "m-x", Channel.POS, null, null, null));
        assertThat(before[MERCHANT_RISK]).isCloseTo(0.5 / 101, within(1e-12));
        assertThat(before[keyWindow(MERCHANT_KEYS, 2, 0)]).isZero();
        assertThat(after[MERCHANT_RISK]).isCloseTo(1.5 / 101, within(1e-12));
        assertThat(after[keyWindow(MERCHANT_KEYS, 2, 0)]).isEqualTo(1.0);
    }

    @Test
    void anEarlyAnalystsDecisionWaitsForTheLabelDelayLikeEveryOtherLabel() {
        Transaction decided = tx("a0", "acc-1", "2026-03-10T10:00:00Z", 50, "m-x", Channel.POS, null, null, null);
        pipeline.observe(decided);
        pipeline.confirmLabel(decision(decided, true, "2026-03-10T11:00:00Z"));
        double[] sameDay = features(tx("a", "acc-2", "2026-03-10T12:00:00Z", 50, "m-x", Channel.POS, null, null, null));
        double[] afterTheDelay =
                features(tx("b", "acc-2", "2026-03-12T10:00:01Z", 50, "m-x", Channel.POS, null, null, null));
        assertThat(sameDay[MERCHANT_RISK]).isCloseTo(0.5 / 100, within(1e-12));
        assertThat(sameDay[keyWindow(MERCHANT_KEYS, 0, 1)]).isZero();
        assertThat(afterTheDelay[MERCHANT_RISK]).isCloseTo(1.5 / 101, within(1e-12));
        assertThat(afterTheDelay[keyWindow(MERCHANT_KEYS, 0, 0)]).isEqualTo(1.0);
        assertThat(afterTheDelay[keyWindow(MERCHANT_KEYS, 0, 1)]).isCloseTo(Math.log1p(1), within(1e-12));
    }

    @Test
    void aDecisionOnATransactionThisPipelineNeverSawCountsForNothing() {
        Transaction elsewhere =
                tx("other-instance", "acc-7", "2026-03-05T10:00:00Z", 50, "m-x", Channel.POS, null, null, null);
        pipeline.observe(tx("a0", "acc-1", "2026-03-05T10:00:00Z", 50, "m-x", Channel.POS, null, null, null));
        pipeline.confirmLabel(decision(elsewhere, true, "2026-03-06T10:00:00Z"));
        double[] f = features(tx("a", "acc-2", "2026-03-10T12:00:00Z", 50, "m-x", Channel.POS, null, null, null));
        assertThat(f[MERCHANT_RISK]).isCloseTo(0.5 / 101, within(1e-12));
        assertThat(f[keyWindow(MERCHANT_KEYS, 1, 0)]).isZero();
    }

    @Test
    void theLatestDecisionOnATransactionWinsAndALabelIsNeverCountedTwice() {
        Transaction decided =
                tx("a0", "acc-1", "2026-03-05T10:00:00Z", 50, "m-x", Channel.POS, null, null, Boolean.TRUE);
        pipeline.observe(decided);
        pipeline.confirmLabel(decision(decided, true, "2026-03-08T10:00:00Z"));
        double[] confirmed =
                features(tx("a", "acc-2", "2026-03-08T12:00:00Z", 50, "m-x", Channel.POS, null, null, null));
        pipeline.confirmLabel(decision(decided, false, "2026-03-09T10:00:00Z"));
        double[] reversed =
                features(tx("b", "acc-2", "2026-03-09T12:00:00Z", 50, "m-x", Channel.POS, null, null, null));
        assertThat(confirmed[MERCHANT_RISK]).isCloseTo(1.5 / 101, within(1e-12));
        assertThat(reversed[MERCHANT_RISK]).isCloseTo(0.5 / 101, within(1e-12));
    }

    @Test
    void fraudSharesOfMerchantBeneficiaryAndDeviceCoverTheirWindowsEndingOneDelayAgo() {
        // delay 2 days: at 03-20 12:00 the windows end at 03-18 12:00
        pipeline.observe(
                tx("old", "acc-1", "2026-02-10T12:00:00Z", 10, "m", Channel.WALLET, "mule", "dev", Boolean.TRUE));
        pipeline.observe(
                tx("w30", "acc-1", "2026-03-01T12:00:00Z", 10, "m", Channel.WALLET, "mule", "dev", Boolean.FALSE));
        pipeline.observe(
                tx("w7", "acc-2", "2026-03-15T12:00:00Z", 10, "m", Channel.WALLET, "mule", "dev", Boolean.TRUE));
        pipeline.observe(
                tx("w1", "acc-3", "2026-03-18T00:00:00Z", 10, "m", Channel.WALLET, "mule", "dev", Boolean.FALSE));
        pipeline.observe(tx(
                "unknown-yet", "acc-3", "2026-03-19T00:00:00Z", 10, "m", Channel.WALLET, "mule", "dev", Boolean.TRUE));
        double[] f = features(tx("now", "acc-4", "2026-03-20T12:00:00Z", 10, "m", Channel.WALLET, "mule", "dev", null));
        for (int kind : new int[] {MERCHANT_KEYS, COUNTERPARTY_KEYS, DEVICE_KEYS}) {
            assertThat(f[keyWindow(kind, 0, 0)])
                    .as(KEY_KINDS.get(kind) + " 1d share")
                    .isZero();
            assertThat(f[keyWindow(kind, 0, 1)])
                    .as(KEY_KINDS.get(kind) + " 1d count")
                    .isCloseTo(Math.log1p(1), within(1e-12));
            assertThat(f[keyWindow(kind, 1, 0)])
                    .as(KEY_KINDS.get(kind) + " 7d share")
                    .isCloseTo(0.5, within(1e-12));
            assertThat(f[keyWindow(kind, 1, 1)])
                    .as(KEY_KINDS.get(kind) + " 7d count")
                    .isCloseTo(Math.log1p(2), within(1e-12));
            assertThat(f[keyWindow(kind, 2, 0)])
                    .as(KEY_KINDS.get(kind) + " 30d share")
                    .isCloseTo(1.0 / 3, within(1e-12));
            assertThat(f[keyWindow(kind, 2, 1)])
                    .as(KEY_KINDS.get(kind) + " 30d count")
                    .isCloseTo(Math.log1p(3), within(1e-12));
        }
        assertThat(f[MERCHANT_RISK]).isCloseTo(2.5 / 104, within(1e-12));
    }

    @Test
    void withoutBeneficiaryOrDeviceTheirFeaturesStayZero() {
        pipeline.observe(tx("f", "acc-1", "2026-03-01T12:00:00Z", 10, "m", Channel.POS, null, null, Boolean.TRUE));
        double[] f = features(tx("now", "acc-2", "2026-03-20T12:00:00Z", 10, "m", Channel.POS, null, null, null));
        for (int w = 0; w < KEY_WINDOW_NAMES.size(); w++) {
            for (int stat = 0; stat < STATS_PER_KEY_WINDOW; stat++) {
                assertThat(f[keyWindow(COUNTERPARTY_KEYS, w, stat)]).isZero();
                assertThat(f[keyWindow(DEVICE_KEYS, w, stat)]).isZero();
            }
        }
        assertThat(f[keyWindow(MERCHANT_KEYS, 2, 0)]).isEqualTo(1.0);
    }

    @Test
    void theAccountsSpendingIsSummedPerWindow() {
        pipeline.observe(tx("a", "2026-03-01T12:00:00Z", 100, "m", Channel.POS, null, null));
        pipeline.observe(tx("b", "2026-03-09T13:00:00Z", 30, "m", Channel.POS, null, null));
        pipeline.observe(tx("c", "2026-03-10T11:30:00Z", 20, "m", Channel.POS, null, null));
        double[] f = features(tx("d", "2026-03-10T12:00:00Z", 5, "m", Channel.POS, null, null));
        assertThat(f[window(0, 4)]).isCloseTo(Math.log1p(20), within(1e-12));
        assertThat(f[window(1, 4)]).isCloseTo(Math.log1p(50), within(1e-12));
        assertThat(f[window(3, 4)]).isCloseTo(Math.log1p(150), within(1e-12));
    }

    @Test
    void aSequenceHoldsTheAccountsPreviousVectorsOldestFirstThenThisOne() {
        FeaturePipeline sequences = new FeaturePipeline(Duration.ofDays(2), 3);
        double[] first = new double[SIZE];
        double[] second = new double[SIZE];
        double[] third = new double[SIZE];
        double[] sequence = new double[3 * SIZE];
        sequences.next(tx("a", "2026-03-10T10:00:00Z", 10, "m", Channel.POS, null, null), first, sequence);
        assertThat(java.util.Arrays.copyOfRange(sequence, 0, 2 * SIZE)).containsOnly(0.0);
        sequences.next(tx("b", "2026-03-10T11:00:00Z", 20, "m", Channel.POS, null, null), second, sequence);
        sequences.next(tx("c", "2026-03-10T12:00:00Z", 30, "m", Channel.POS, null, null), third, sequence);
        for (int j = 0; j < SIZE; j++) {
            assertThat(sequence[j]).isCloseTo(first[j], within(1e-6));
            assertThat(sequence[SIZE + j]).isCloseTo(second[j], within(1e-6));
            assertThat(sequence[2 * SIZE + j]).isEqualTo(third[j]);
        }
    }

    @Test
    void amountsComeBackExactlyFromACompactState() {
        double[] amounts = {12.34, 46.275, 0.1 + 0.2, 1e-9, 123_456_789.123456, 9.87654321e15, 5e300, 0};
        FeaturePipeline original = new FeaturePipeline();
        for (int i = 0; i < amounts.length; i++) {
            original.observe(tx(
                    "t" + i,
                    "acc-1",
                    "2026-03-10T10:0" + i + ":00Z",
                    amounts[i],
                    "m" + i,
                    Channel.POS,
                    null,
                    null,
                    null));
        }
        byte[] compact = original.snapshot("acc-1");
        FeaturePipeline restored = new FeaturePipeline();
        restored.restore("acc-1", compact);
        assertThat(compact[0]).isEqualTo((byte) AccountStateCodec.FORMAT);
        assertThat(restored.snapshot("acc-1")).isEqualTo(compact);
        Transaction next = tx("n", "acc-1", "2026-03-10T11:00:00Z", 75, "m1", Channel.POS, null, null, null);
        assertThat(features(restored, next)).isEqualTo(features(original, next));
    }

    @Test
    void aCorruptStateIsRefusedBeforeItAllocatesWhatItClaims() {
        AccountState state = new AccountState();
        byte[] encoded = state.encode();
        byte[] corrupt = java.util.Arrays.copyOf(encoded, encoded.length + 10);
        int keptAt = encoded.length - 2;
        corrupt[keptAt] = (byte) 0xff;
        corrupt[keptAt + 1] = (byte) 0xff;
        corrupt[keptAt + 2] = (byte) 0xff;
        corrupt[keptAt + 3] = (byte) 0x7f;
        assertThatThrownBy(() -> AccountState.decode(corrupt))
                .hasMessageContaining("a count of 268435455 where at most 1024 can be");
    }

    private static double[] features(FeaturePipeline pipeline, Transaction t) {
        double[] out = new double[SIZE];
        pipeline.extract(t, out);
        return out;
    }

    @Test
    void channelAndMerchantGroupAreOneHot() {
        double[] f = features(tx("t", "2026-03-10T15:00:00Z", 50, "m", Channel.ATM, null, null));
        double channels = 0;
        for (int i = CHANNEL_START; i < MCC_GROUP_START; i++) {
            channels += f[i];
        }
        assertThat(channels).isEqualTo(1.0);
        assertThat(f[CHANNEL_START + Channel.ATM.ordinal()]).isEqualTo(1.0);
        assertThat(f[MCC_GROUP_START + MccGroup.EVERYDAY.ordinal()]).isEqualTo(1.0);
    }
}
