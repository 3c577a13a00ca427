package pe.centinela.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacingTest {

    private static final long TICK = Duration.ofMillis(1).toNanos();

    @Test
    void eachItemIsOfferedWithinTheTickOfItsScheduleNotAnIntervalLater() {
        long[] clock = {5_000_000_000L};
        List<long[]> offered = new ArrayList<>();

        long sent = Pacing.run(
                25,
                Duration.ofSeconds(2),
                () -> clock[0],
                () -> clock[0] += TICK,
                (index, scheduled) -> offered.add(new long[] {index, scheduled, clock[0]}));

        assertThat(sent).isEqualTo(50);
        assertThat(offered).hasSize(50);
        for (long[] item : offered) {
            long index = item[0];
            long scheduled = item[1];
            long offeredAt = item[2];
            assertThat(scheduled).isEqualTo(5_000_000_000L + index * 40_000_000L);
            assertThat(offeredAt - scheduled)
                    .as("item %d offered %d ns after its schedule", index, offeredAt - scheduled)
                    .isBetween(0L, TICK);
        }
    }

    @Test
    void aCallerThatFellBehindOffersEverythingDueAtOnceWithItsOwnSchedule() {
        long[] clock = {0};
        List<Long> scheduled = new ArrayList<>();

        long sent = Pacing.run(
                1_000,
                Duration.ofMillis(10),
                () -> clock[0],
                () -> clock[0] += Duration.ofMillis(4).toNanos(),
                (index, at) -> scheduled.add(at));

        assertThat(sent).isEqualTo(10);
        assertThat(scheduled)
                .containsExactly(
                        0L,
                        1_000_000L,
                        2_000_000L,
                        3_000_000L,
                        4_000_000L,
                        5_000_000L,
                        6_000_000L,
                        7_000_000L,
                        8_000_000L,
                        9_000_000L);
    }
}
