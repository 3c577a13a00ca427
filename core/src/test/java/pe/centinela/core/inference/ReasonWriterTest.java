package pe.centinela.core.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeatureContext;
import pe.centinela.core.features.KeyFraudCounts;

class ReasonWriterTest {

    private final ReasonWriter writer = new ReasonWriter();
    private final Transaction tx = new Transaction(
            "t",
            "acc-1",
            new BigDecimal("2300.00"),
            "PEN",
            new BigDecimal("2300.00"),
            "PEN",
            Instant.parse("2026-11-24T07:40:00Z"),
            "m-1",
            "4829",
            Channel.TRANSFER,
            "d",
            null,
            "acc-987654",
            "PE",
            null,
            null);
    private static final KeyFraudCounts NOTHING_KNOWN = KeyFraudCounts.none(Instant.parse("2026-11-21T07:40:00Z"));
    private final FeatureContext ctx = new FeatureContext(
            2300,
            190,
            40,
            2,
            40,
            0.0,
            90,
            3,
            500,
            0,
            false,
            true,
            false,
            0,
            false,
            NOTHING_KNOWN,
            NOTHING_KNOWN,
            NOTHING_KNOWN,
            0.5,
            10_000,
            0.0);

    /** An everyday 150-sol payment late in the afternoon of an account with history, of a kind 3 % of the traffic seen. */
    private static FeatureContext ordinary() {
        return new FeatureContext(
                150,
                140,
                40,
                17,
                28,
                0.6,
                7200,
                0,
                0,
                0,
                false,
                false,
                false,
                0,
                false,
                NOTHING_KNOWN,
                NOTHING_KNOWN,
                NOTHING_KNOWN,
                0.03,
                20_000,
                0.0);
    }

    private static double[] contributions(int... features) {
        double[] c = new double[FeatureCatalogue.SIZE];
        for (int f : features) {
            c[f] = 1.0;
        }
        return c;
    }

    @Test
    void amountIsExplainedAgainstTheAccountsAverage() {
        List<Reason> reasons = writer.explain(tx, ctx, contributions(FeatureCatalogue.AMOUNT_VS_ACCOUNT_MEAN));
        assertThat(reasons).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("amount");
            assertThat(r.message()).isEqualTo("amount S/ 2,300.00 is 12× this account's average of S/ 190.00");
            assertThat(r.params()).containsEntry("ratio", "12");
            assertThat(r.weight()).isEqualTo(1.0);
        });
    }

    @Test
    void nightPaymentsAndNewBeneficiariesAreNamed() {
        List<Reason> reasons =
                writer.explain(tx, ctx, contributions(FeatureCatalogue.NIGHT, FeatureCatalogue.NEW_COUNTERPARTY));
        assertThat(reasons)
                .extracting(Reason::message)
                .containsExactlyInAnyOrder(
                        "02:40 in Lima; this account never pays near this hour",
                        "first payment to beneficiary ****7654");
    }

    @Test
    void velocityCountsTheCurrentTransaction() {
        List<Reason> reasons = writer.explain(tx, ctx, contributions(FeatureCatalogue.COUNT_1H));
        assertThat(reasons.get(0).message())
                .isEqualTo("4 transactions within an hour, the last 90 seconds after the one before");
    }

    @Test
    void atMostThreeReasonsAndOnlySubstantialOnes() {
        double[] c = new double[FeatureCatalogue.SIZE];
        c[FeatureCatalogue.AMOUNT_VS_ACCOUNT_MEAN] = 10;
        c[FeatureCatalogue.NIGHT] = 5;
        c[FeatureCatalogue.COUNT_1H] = 4;
        c[FeatureCatalogue.NEW_DEVICE] = 3;
        c[FeatureCatalogue.FOREIGN] = 0.1;
        assertThat(writer.explain(tx, ctx, c))
                .extracting(Reason::code)
                .containsExactly("amount", "time_of_day", "velocity");
    }

    @Test
    void aTopicTheTransactionDoesNotDepartOnIsNotClaimed() {
        FeatureContext ordinary = ordinary();
        Transaction atm = new Transaction(
                "t",
                "acc-1",
                new BigDecimal("150.00"),
                "PEN",
                new BigDecimal("150.00"),
                "PEN",
                Instant.parse("2026-11-24T22:28:00Z"),
                "atm-1",
                "6011",
                Channel.ATM,
                "d",
                null,
                null,
                "PE",
                null,
                null);
        List<Reason> reasons = writer.explain(
                atm,
                ordinary,
                contributions(
                        FeatureCatalogue.SMALL_AMOUNT,
                        FeatureCatalogue.HOUR_SIN,
                        FeatureCatalogue.CHANNEL_START + Channel.ATM.ordinal()));
        assertThat(reasons).extracting(Reason::code).containsExactly("category");
        assertThat(reasons.get(0).message())
                .isEqualTo(
                        "a kind of payment rare in the traffic seen: atm at ATM cash withdrawals (MCC 6011), 3 % of 20000 transactions");
    }

    @Test
    void withoutANotableTopicTheCombinationIsNamed() {
        assertThat(writer.explain(tx, ordinary(), contributions(FeatureCatalogue.SMALL_AMOUNT)))
                .extracting(Reason::code)
                .containsExactly("unusual_combination");
    }

    @Test
    void moneyIsFormattedTheWayPeruvianStatementsPrintIt() {
        assertThat(Money.pen(1234.5)).isEqualTo("S/ 1,234.50");
        assertThat(Money.pen(0.456)).isEqualTo("S/ 0.46");
    }
}
