package pe.centinela.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;

class RequiredFieldsTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final Transaction TX = new Transaction(
            "t1",
            "acc-1",
            new BigDecimal("10.00"),
            "PEN",
            new BigDecimal("10.00"),
            "PEN",
            AT,
            "m-1",
            "5411",
            Channel.POS,
            null,
            null,
            null,
            "PE",
            null,
            null);

    private static List<String> fields(List<Violation> violations) {
        assertThat(violations).extracting(Violation::code).containsOnly("missing");
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void completeRecordsLackNothing() {
        assertThat(RequiredFields.missing(TX)).isEmpty();
        assertThat(RequiredFields.missing(new Alert("al-t1", TX, 0.95, 0.9, "v1", List.of(), AT)))
                .isEmpty();
        assertThat(RequiredFields.missing(new ScoreRecord(
                        "t1", "acc-1", 0.1, "v1", 0.9, false, AT, AT, null, null, null, null, null, null, null, null,
                        null, false)))
                .isEmpty();
        assertThat(RequiredFields.missing(new Label("t1", "acc-1", "m-1", true, "al-t1", "ana", AT, null, null, null)))
                .isEmpty();
    }

    @Test
    void anEmptyJsonObjectLacksEveryRequiredField() {
        byte[] empty = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(fields(RequiredFields.missing(Json.fromBytes(empty, Transaction.class))))
                .containsExactly(
                        "transaction_id",
                        "account_id",
                        "amount",
                        "currency",
                        "timestamp",
                        "merchant_id",
                        "merchant_category_code",
                        "channel");
        assertThat(fields(RequiredFields.missing(Json.fromBytes(empty, ScoreRecord.class))))
                .containsExactly("transaction_id", "account_id", "model_version", "timestamp", "scored_at");
        assertThat(fields(RequiredFields.missing(Json.fromBytes(empty, Alert.class))))
                .containsExactly("alert_id", "model_version", "reasons", "scored_at", "transaction");
        assertThat(fields(RequiredFields.missing(Json.fromBytes(empty, Label.class))))
                .containsExactly("transaction_id", "merchant_id", "decided_at");
    }

    @Test
    void anAlertNeedsTheTransactionFieldsItIsStoredBy() {
        Transaction partial = new Transaction(
                "t1", " ", null, "PEN", null, null, AT, null, null, Channel.POS, null, null, null, null, null, null);
        assertThat(fields(RequiredFields.missing(new Alert("al-t1", partial, 0.95, 0.9, "v1", List.of(), AT))))
                .containsExactly("transaction.account_id", "transaction.amount");
    }
}
