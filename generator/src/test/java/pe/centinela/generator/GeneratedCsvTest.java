package pe.centinela.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.domain.Transaction;

class GeneratedCsvTest {

    private static final Instant WHEN = Instant.parse("2025-03-15T17:30:05.123Z");

    @Test
    void headerListsTheSixteenColumnsInOrder() throws IOException {
        StringBuilder out = new StringBuilder();
        GeneratedCsv.writeHeader(out);

        assertThat(out)
                .hasToString("transaction_id,account_id,amount,currency,original_amount,original_currency,"
                        + "timestamp,merchant_id,merchant_category_code,channel,device_id,ip,counterparty_account,country,"
                        + "fraud_label,fraud_scenario\n");
        assertThat(GeneratedCsv.HEADER).hasSize(16);
    }

    @Test
    void rowWritesEveryFieldWithIsoUtcTimestampAndEmptyNulls() throws IOException {
        Transaction transaction = transaction("m-lim-0042", "ext-10000001", Boolean.TRUE);
        StringBuilder out = new StringBuilder();
        GeneratedCsv.writeRow(new GeneratedTransaction(transaction, FraudScenario.ACCOUNT_TAKEOVER), out);

        assertThat(out)
                .hasToString("tx-1,acc-000123,375.00,PEN,100.00,USD,2025-03-15T17:30:05.123Z,m-lim-0042,"
                        + "4829,transfer,android-0123456789ab,,ext-10000001,PE,true,account_takeover\n");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() throws IOException {
        Transaction transaction = transaction("Chez \"Wong\", Lima", "line\nbreak", Boolean.FALSE);
        StringBuilder out = new StringBuilder();
        GeneratedCsv.writeRow(new GeneratedTransaction(transaction, FraudScenario.NONE), out);

        assertThat(out.toString()).contains(",\"Chez \"\"Wong\"\", Lima\",", ",\"line\nbreak\",", ",false,none\n");
    }

    @Test
    void writeEmitsAHeaderAndTheRequestedNumberOfRows() throws IOException {
        StringBuilder out = new StringBuilder();
        GeneratedCsv.write(GeneratedSample.generator(6, 0.02), 5_000, out);
        String[] lines = out.toString().split("\n", -1);

        assertThat(lines).hasSize(5_002);
        assertThat(lines[0]).isEqualTo(String.join(",", GeneratedCsv.HEADER));
        assertThat(lines[5_001]).isEmpty();
        for (int i = 1; i <= 5_000; i++) {
            assertThat(lines[i].split(",", -1)).hasSize(16);
            assertThat(lines[i])
                    .matches(".*,(true,(account_takeover|card_testing|compromised_pos|amount_spike)" + "|false,none)");
        }
    }

    private static Transaction transaction(String merchantId, String counterparty, Boolean fraud) {
        return new Transaction(
                "tx-1",
                "acc-000123",
                new BigDecimal("375.00"),
                "PEN",
                new BigDecimal("100.00"),
                "USD",
                WHEN,
                merchantId,
                "4829",
                Channel.TRANSFER,
                "android-0123456789ab",
                null,
                counterparty,
                "PE",
                fraud,
                new SourceMetadata("generator", "generator", WHEN, null, SourceMetadata.CURRENT_SCHEMA_VERSION));
    }
}
