package pe.centinela.generator.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TerminalsCsvTest {

    @Test
    void headerHasExactlyTheSixColumns() throws IOException {
        StringWriter out = new StringWriter();
        TerminalsCsv.writeHeader(out);
        assertThat(out.toString()).isEqualTo("transaction_id,timestamp,account_id,terminal_id,amount,fraud\n");
    }

    @Test
    void rowHoldsLimaTimeWithOffsetAndSolesWithTwoDecimals() throws IOException {
        long at = OffsetDateTime.parse("2025-03-01T08:15:00-05:00").toEpochSecond();
        StringWriter out = new StringWriter();
        TerminalsCsv.writeRow(new TerminalTransaction(7, at, 0, 41, 5, FraudPattern.CARD_TESTING), out);
        TerminalsCsv.writeRow(new TerminalTransaction(8, at + 61, 2999, 0, 123_450, FraudPattern.NONE), out);
        assertThat(out.toString())
                .isEqualTo("tx-0000000007,2025-03-01T08:15:00-05:00,acct-000001,term-00042,0.05,1\n"
                        + "tx-0000000008,2025-03-01T08:16:01-05:00,acct-003000,term-00001,1234.50,0\n");
    }

    @Test
    void generatedRowsHaveSixWellFormedFields() throws IOException {
        StringWriter out = new StringWriter();
        TerminalsFile.write(TerminalsSettings.defaults(3), 3_000, out, done -> {});
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3_001);
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i])
                    .matches(
                            "tx-\\d{10},\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-05:00,acct-\\d{6},term-\\d{5},\\d+\\.\\d\\d,[01]");
        }
    }
}
