package pe.centinela.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.domain.Transaction;

class JsonTest {

    private final Transaction tx = new Transaction(
            "t-1",
            "acc-1",
            new BigDecimal("451.88"),
            "PEN",
            new BigDecimal("120.50"),
            "USD",
            Instant.parse("2026-11-24T14:40:00Z"),
            "m-1",
            "5732",
            Channel.ECOMMERCE,
            null,
            "200.1.2.3",
            null,
            "US",
            Boolean.TRUE,
            new SourceMetadata("api", "rest", null, Instant.parse("2026-11-24T14:40:01Z"), 1));

    @Test
    void transactionUsesSnakeCaseAndIsoInstants() {
        String json = Json.toString(tx);
        assertThat(json)
                .contains(
                        "\"transaction_id\":\"t-1\"",
                        "\"merchant_category_code\":\"5732\"",
                        "\"channel\":\"ecommerce\"",
                        "\"timestamp\":\"2026-11-24T14:40:00Z\"",
                        "\"schema_version\":1");
        assertThat(json).doesNotContain("device_id");
    }

    @Test
    void alertSurvivesARoundTrip() {
        Alert alert = new Alert(
                "al-t-1",
                tx,
                0.998,
                0.995,
                "ae-1",
                List.of(new Reason("amount", 0.6, "amount …", Map.of("ratio", "12"))),
                Instant.parse("2026-11-24T14:40:02Z"));
        assertThat(Json.fromBytes(Json.toBytes(alert), Alert.class)).isEqualTo(alert);
    }

    @Test
    void instantsInOtherFormsAreStillRead() {
        String json = Json.toString(tx)
                .replace("\"timestamp\":\"2026-11-24T14:40:00Z\"", "\"timestamp\":\"2026-11-24T09:40:00-05:00\"");
        assertThat(Json.fromString(json, Transaction.class).timestamp()).isEqualTo(tx.timestamp());
        String epoch = Json.toString(tx).replace("\"timestamp\":\"2026-11-24T14:40:00Z\"", "\"timestamp\":1795531200");
        assertThat(Json.fromString(epoch, Transaction.class).timestamp()).isEqualTo(tx.timestamp());
    }
}
