package pe.centinela.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    @Test
    void writesAndReadsEveryInstantAsJavaTimeDoes() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max + 1), nano);
            String text = IsoInstant.format(instant);
            assertThat(text).isEqualTo(instant.toString());
            assertThat(IsoInstant.parse(text)).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999999999Z",
                "2026-12-31T05:00:00.1Z",
                "2026-03-10T14:05:09.12Z"
            })
    void readsTheCanonicalFormWithAnyNumberOfFractionDigits(String text) {
        assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-10T09:05:09-05:00",
                "2026-03-10T14:05:09.5+05:30",
                "2026-01-01T00:00:00+00:00",
                "2026-01-01T00:00:00-18:00"
            })
    void readsAnOffsetInPlaceOfTheZ(String text) {
        assertThat(IsoInstant.parse(text))
                .isEqualTo(java.time.OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-10T14:05:09",
                "2026-03-10T14:05:09+19:00",
                "2026-03-10T14:05:09+18:30",
                "2026-03-10T14:05:09-05:60",
                "2026-03-10T14:05:09-0500",
                "2026-03-10T14:05:09+5:000",
                "2026-03-10 14:05:09Z",
                "2026-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z",
                "2026-01-32T00:00:00Z",
                "2026-01-01T24:00:00Z",
                "2026-01-01T00:60:00Z",
                "2026-01-01T00:00:60Z",
                "2026-01-01T00:00:00.Z",
                "2026-01-01T00:00:00.1234567890Z",
                "20x6-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z",
                "2026-01-01T00:00:00,5Z"
            })
    void leavesEveryOtherFormToJavaTime(String text) {
        assertThat(IsoInstant.parse(text)).isNull();
    }

    @Test
    void yearsBeyondFourDigitsAreWrittenByJavaTime() {
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(IsoInstant.format(far)).isEqualTo("+10000-01-01T00:00:00Z");
    }
}
