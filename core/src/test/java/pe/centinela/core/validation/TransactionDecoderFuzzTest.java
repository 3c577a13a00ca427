package pe.centinela.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import pe.centinela.core.domain.SourceMetadata;

/** Whatever arrives, the decoder answers with exactly one transaction or a non-empty list of reasons, and never throws. */
class TransactionDecoderFuzzTest {

    private static final SourceMetadata SOURCE =
            new SourceMetadata("fuzz", "kafka", null, Instant.parse("2026-11-24T15:00:00Z"), 1);
    private final TransactionDecoder decoder = new TransactionDecoder(
            Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC),
            Duration.ofMinutes(5),
            Map.of("PEN", BigDecimal.ONE, "USD", new BigDecimal("3.75")));

    private void assertOneOutcome(byte[] payload) {
        TransactionDecoder.Result result = decoder.decode(payload, SOURCE);
        assertThat(result.valid()).isEqualTo(result.violations().isEmpty());
        if (result.valid()) {
            assertThat(result.transaction().amount().signum()).isPositive();
        }
    }

    @Property(tries = 3000)
    void arbitraryBytesNeverCrashTheDecoder(@ForAll byte[] payload) {
        assertOneOutcome(payload);
    }

    @Property(tries = 3000)
    void arbitraryTextNeverCrashesTheDecoder(@ForAll String text) {
        assertOneOutcome(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 5000)
    void wrongTypesHugeValuesAndOddEncodingsInEveryField(@ForAll("transactions") String json) {
        assertOneOutcome(json.getBytes(StandardCharsets.UTF_8));
        assertOneOutcome(json.getBytes(StandardCharsets.UTF_16));
        assertOneOutcome(json.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<String> transactions() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings()
                        .ofMaxLength(30)
                        .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.doubles().map(d -> d.isNaN() || d.isInfinite() ? "0" : Double.toString(d)),
                Arbitraries.of(
                        "1e400",
                        "-1e400",
                        "99999999999999999999999999999999",
                        "null",
                        "true",
                        "[]",
                        "{}",
                        "\"\"",
                        "\"2026-11-24T10:00:00-05:00\"",
                        "\"5411\"",
                        "\"pos\"",
                        "\"USD\"",
                        "\"\\u0000\"",
                        "\"\\ud83d\\ude00\"",
                        "\"ñandú\"",
                        "-0.0",
                        "0.001",
                        "\"12,50\""));
        return Combinators.combine(value, value, value, value, value, value, value, value)
                .as((id, account, amount, currency, time, merchant, mcc, channel) ->
                        "{\"transaction_id\":" + id + ",\"account_id\":" + account
                                + ",\"amount\":" + amount + ",\"currency\":" + currency + ",\"timestamp\":" + time
                                + ",\"merchant_id\":" + merchant
                                + ",\"merchant_category_code\":" + mcc + ",\"channel\":" + channel + "}");
    }
}
