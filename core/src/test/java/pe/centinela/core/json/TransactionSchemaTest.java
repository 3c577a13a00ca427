package pe.centinela.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.domain.Transaction;

/** The published JSON Schema describes exactly what the platform writes. */
class TransactionSchemaTest {

    private static JsonNode schema() throws Exception {
        try (InputStream in = TransactionSchemaTest.class.getResourceAsStream(
                "/pe/centinela/core/schema/transaction-v1.schema.json")) {
            return Json.mapper().readTree(in);
        }
    }

    private static final Transaction FULL = new Transaction(
            "t",
            "a",
            new BigDecimal("451.88"),
            "PEN",
            new BigDecimal("120.50"),
            "USD",
            Instant.parse("2026-11-24T10:00:00Z"),
            "m",
            "5732",
            Channel.ECOMMERCE,
            "d",
            "200.1.1.1",
            "acc-2",
            "US",
            Boolean.FALSE,
            new SourceMetadata(
                    "api", "rest", Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:00:01Z"), 1),
            List.of("imputed:country"));

    @Test
    void everyFieldWrittenIsDescribedAndNothingElse() throws Exception {
        JsonNode written = Json.mapper().readTree(Json.toBytes(FULL));
        assertThat(names(schema().get("properties"))).isEqualTo(names(written));
        assertThat(names(schema().get("properties").get("source").get("properties")))
                .isEqualTo(names(written.get("source")));
    }

    @Test
    void everyDescribedFieldHasADescription() throws Exception {
        schema().get("properties")
                .forEach(p -> assertThat(p.get("description").asText()).isNotBlank());
    }

    @Test
    void schemaVersionMatchesTheCode() throws Exception {
        assertThat(schema().get("properties")
                        .get("source")
                        .get("properties")
                        .get("schema_version")
                        .get("const")
                        .asInt())
                .isEqualTo(SourceMetadata.CURRENT_SCHEMA_VERSION);
    }

    @Test
    void channelsMatchTheCode() throws Exception {
        List<String> enumerated = new ArrayList<>();
        schema().get("properties").get("channel").get("enum").forEach(n -> enumerated.add(n.asText()));
        assertThat(enumerated)
                .containsExactly(java.util.Arrays.stream(Channel.values())
                        .map(Channel::code)
                        .toArray(String[]::new));
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
