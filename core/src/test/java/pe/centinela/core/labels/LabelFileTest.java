package pe.centinela.core.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.mapping.MappingException;
import pe.centinela.core.time.LimaTime;

class LabelFileTest {

    private static final ZoneId LIMA = LimaTime.ZONE;

    private static List<LabelFile.Row> read(String csv, String... maps) throws Exception {
        List<LabelFile.Row> rows = new ArrayList<>();
        LabelFile.read(new StringReader(csv), ';', LabelFile.columns(List.of(maps)), LIMA, rows::add);
        return rows;
    }

    @Test
    void rowsNameTheTransactionTheLabelAndWhenItWasDecided() throws Exception {
        List<LabelFile.Row> rows =
                read("""
                id_operacion;contracargo;fecha
                tx-1;si;2026-03-01
                tx-2;0;2026-03-02T10:15:00
                tx-3;Fraud;2026-03-03T10:15:00Z
                """, "transaction_id=id_operacion", "fraud_label=contracargo", "decided_at=fecha");
        assertThat(rows).extracting(LabelFile.Row::transactionId).containsExactly("tx-1", "tx-2", "tx-3");
        assertThat(rows).extracting(LabelFile.Row::fraud).containsExactly(true, false, true);
        assertThat(rows)
                .extracting(LabelFile.Row::decidedAt)
                .containsExactly(
                        Instant.parse("2026-03-01T05:00:00Z"),
                        Instant.parse("2026-03-02T15:15:00Z"),
                        Instant.parse("2026-03-03T10:15:00Z"));
        assertThat(rows).extracting(LabelFile.Row::line).containsExactly(2L, 3L, 4L);
    }

    @Test
    void anUnreadableRowNamesItsLineColumnAndField() throws Exception {
        List<LabelFile.Row> rows = read("""
                id;label;when
                tx-1;quizas;2026-03-01
                tx-2;1;ayer
                ;1;2026-03-01
                """, "transaction_id=id", "fraud_label=label", "decided_at=when");
        assertThat(rows).noneMatch(LabelFile.Row::readable);
        assertThat(rows)
                .extracting(r -> r.line() + ":" + r.problem().column() + ":"
                        + r.problem().field() + ":" + r.problem().code())
                .containsExactly(
                        "2:2:fraud_label:not_a_label", "3:3:decided_at:not_a_time", "4:1:transaction_id:missing");
    }

    @Test
    void aMappingWithoutTheLabelOrNamingAMissingColumnSaysWhich() {
        assertThatThrownBy(() -> LabelFile.columns(List.of("transaction_id=id")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("fraud_label");
        assertThatThrownBy(() -> LabelFile.columns(List.of("amount=x"))).hasMessageContaining("unknown field 'amount'");
        assertThatThrownBy(() -> read("id;etiqueta\ntx-1;1\n", "transaction_id=id", "fraud_label=label"))
                .hasMessageContaining("no column 'label'")
                .hasMessageContaining("id, etiqueta");
    }
}
