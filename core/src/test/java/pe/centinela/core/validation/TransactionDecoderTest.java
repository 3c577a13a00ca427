package pe.centinela.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.SourceMetadata;

class TransactionDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private static final SourceMetadata SOURCE = new SourceMetadata("test", "kafka", null, NOW, 1);
    private final TransactionDecoder decoder = new TransactionDecoder(
            Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofMinutes(5),
            Map.of("PEN", BigDecimal.ONE, "USD", new BigDecimal("3.75")));

    private TransactionDecoder.Result decode(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8), SOURCE);
    }

    private static String valid(String overrides) {
        return "{\"transaction_id\":\"t1\",\"account_id\":\"acc-1\",\"amount\":120.50,\"timestamp\":\"2026-11-24T09:40:00-05:00\","
                + "\"merchant_id\":\"m-1\",\"merchant_category_code\":\"5411\",\"channel\":\"pos\"" + overrides + "}";
    }

    @Test
    void validPenTransactionIsAccepted() {
        TransactionDecoder.Result r = decode(valid(""));
        assertThat(r.valid()).isTrue();
        assertThat(r.transaction().amount()).isEqualByComparingTo("120.50");
        assertThat(r.transaction().currency()).isEqualTo("PEN");
        assertThat(r.transaction().originalCurrency()).isEqualTo("PEN");
        assertThat(r.transaction().timestamp()).isEqualTo(Instant.parse("2026-11-24T14:40:00Z"));
        assertThat(r.transaction().channel()).isEqualTo(Channel.POS);
        assertThat(r.transaction().source()).isEqualTo(SOURCE);
    }

    @Test
    void usdIsConvertedToPenAndTheOriginalKept() {
        TransactionDecoder.Result r = decode(valid(",\"currency\":\"usd\""));
        assertThat(r.transaction().amount()).isEqualByComparingTo("451.88");
        assertThat(r.transaction().originalAmount()).isEqualByComparingTo("120.50");
        assertThat(r.transaction().originalCurrency()).isEqualTo("USD");
    }

    @Test
    void everyProblemOfARecordIsReportedByField() {
        TransactionDecoder.Result r = decode(
                "{\"transaction_id\":\"t1\",\"amount\":-3,\"timestamp\":\"yesterday\",\"merchant_category_code\":\"54\",\"channel\":\"fax\"}");
        assertThat(r.valid()).isFalse();
        assertThat(r.violations())
                .extracting(Violation::field, Violation::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("account_id", "missing"),
                        org.assertj.core.groups.Tuple.tuple("amount", "not_positive"),
                        org.assertj.core.groups.Tuple.tuple("timestamp", "invalid_timestamp"),
                        org.assertj.core.groups.Tuple.tuple("merchant_id", "missing"),
                        org.assertj.core.groups.Tuple.tuple("merchant_category_code", "invalid_mcc"),
                        org.assertj.core.groups.Tuple.tuple("channel", "invalid_channel"));
    }

    @Test
    void controlCharactersInIdentifiersAreRejectedByFieldAndPosition() {
        TransactionDecoder.Result r =
                decode(valid(",\"device_id\":\"d\\u0007x\"").replace("\"m-1\"", "\"m-\\u00001\""));
        assertThat(r.valid()).isFalse();
        assertThat(r.violations())
                .extracting(Violation::field, Violation::code, Violation::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "merchant_id",
                                "control_character",
                                "merchant_id contains the control character U+0000 at position 3"),
                        org.assertj.core.groups.Tuple.tuple(
                                "device_id",
                                "control_character",
                                "device_id contains the control character U+0007 at position 2"));
        assertThat(decode(valid("").replace("\"t1\"", "\"t\\u009F1\"")).violations())
                .extracting(Violation::code)
                .containsExactly("control_character");
        assertThat(decode(valid("").replace("\"acc-1\"", "\"Ñandú ☃ \\u202E 𝄞\""))
                        .valid())
                .as("letters, symbols and format characters are not control characters")
                .isTrue();
    }

    @Test
    void zeroAmountIsImpossible() {
        assertThat(decode(valid("").replace("120.50", "0")).violations())
                .extracting(Violation::code)
                .containsExactly("not_positive");
    }

    @Test
    void textThatIsNotANumberIsNamed() {
        assertThat(decode(valid("").replace("120.50", "\"12,0\"")).violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("amount").contains("12,0"));
    }

    @Test
    void malformedJsonBecomesOneViolation() {
        TransactionDecoder.Result r = decode("{\"transaction_id\": ");
        assertThat(r.violations()).extracting(Violation::code).containsExactly("malformed_json");
    }

    @Test
    void aJsonArrayIsNotATransaction() {
        assertThat(decode("[1,2]").violations()).extracting(Violation::code).containsExactly("not_an_object");
    }

    @Test
    void timestampTooFarInTheFutureIsRejected() {
        TransactionDecoder.Result r = decode(valid("").replace("2026-11-24T09:40:00-05:00", "2026-11-24T15:10:00Z"));
        assertThat(r.violations()).extracting(Violation::code).containsExactly("in_future");
    }

    @Test
    void timestampWithinTheSkewIsAccepted() {
        assertThat(decode(valid("").replace("2026-11-24T09:40:00-05:00", "2026-11-24T15:04:00Z"))
                        .valid())
                .isTrue();
    }

    @Test
    void extractionTimeFromTheSourceIsKeptInTheMetadata() {
        TransactionDecoder.Result r = decode(valid(",\"extracted_at\":\"2026-11-24T10:00:00Z\""));
        assertThat(r.transaction().source().extractedAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(r.transaction().source().name()).isEqualTo("test");
    }

    @Test
    void unsupportedCurrencyIsRejected() {
        assertThat(decode(valid(",\"currency\":\"EUR\"")).violations())
                .extracting(Violation::code)
                .containsExactly("unsupported_currency");
    }

    @Test
    void epochMillisAndNumericMccAreAccepted() {
        TransactionDecoder.Result r = decode(valid("")
                .replace("\"2026-11-24T09:40:00-05:00\"", "1795000000000")
                .replace("\"5411\"", "742"));
        assertThat(r.valid()).isTrue();
        assertThat(r.transaction().timestamp()).isEqualTo(Instant.ofEpochMilli(1795000000000L));
        assertThat(r.transaction().merchantCategoryCode()).isEqualTo("0742");
    }
}
