package pe.centinela.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {

    private static SoakMinute minute(int n, long p99, long heap, long platformRss) {
        return new SoakMinute(n, 60_000, new Latencies(1_800, 10, 20, p99, p99 + 5), 0, heap, platformRss, 2_000, 700);
    }

    private static SoakVerdict verdict(List<SoakMinute> minutes) {
        return SoakVerdict.of(minutes, 60, 62);
    }

    @Test
    void slopeIsTheLeastSquaresFitPerMinute() {
        List<SoakMinute> minutes = List.of(
                minute(1, 30, 100, 500), minute(2, 30, 103, 500), minute(3, 30, 104, 500), minute(4, 30, 109, 500));
        assertThat(SoakVerdict.slope(minutes, SoakMinute::heapAfterGcMb)).isCloseTo(2.8, within(1e-9));
        assertThat(SoakVerdict.slope(minutes, SoakMinute::platformRssMb)).isZero();
    }

    @Test
    void minutesWithoutACollectionAreLeftOutOfTheHeapSlope() {
        List<SoakMinute> minutes = List.of(minute(1, 30, 100, 500), minute(2, 30, -1, 500), minute(3, 30, 90, 500));
        assertThat(SoakVerdict.slope(minutes, SoakMinute::heapAfterGcMb)).isCloseTo(-5.0, within(1e-9));
        assertThat(SoakVerdict.slope(minutes.subList(1, 2), SoakMinute::heapAfterGcMb))
                .isZero();
    }

    @Test
    void memorySlopeIsTakenOverTheSecondHalf() {
        List<SoakMinute> minutes = IntStream.rangeClosed(1, 10)
                .mapToObj(n -> minute(n, 30, n <= 5 ? 100L * n : 600, 400 + (n <= 5 ? 50L * n : 250)))
                .toList();
        SoakVerdict verdict = verdict(minutes);
        assertThat(verdict.fromMinute()).isEqualTo(6);
        assertThat(verdict.toMinute()).isEqualTo(10);
        assertThat(verdict.heapSlope()).isZero();
        assertThat(verdict.flatMemory()).isTrue();
    }

    @Test
    void aLiveHeapGrowingByAMegabyteAMinuteOrMoreIsNotFlat() {
        List<SoakMinute> minutes = IntStream.rangeClosed(1, 10)
                .mapToObj(n -> minute(n, 30, 200 + 5L * n, 500))
                .toList();
        assertThat(SoakVerdict.of(minutes, 60, 69).flatMemory())
                .as("heap after young GCs is not judged")
                .isTrue();
        SoakVerdict growing = SoakVerdict.of(minutes, 60, 70);
        assertThat(growing.flatMemory()).isFalse();
        assertThat(growing.line())
                .contains(
                        "memory grows: platform live heap 60 MB after warm-up, 70 MB at the end",
                        "platform heap after young GCs +5.0 MB/min");
        assertThat(SoakVerdict.of(minutes, -1, -1).flatMemory())
                .as("no full GC in the log")
                .isTrue();
    }

    @Test
    void growingMemoryInTheSecondHalfIsNotFlat() {
        List<SoakMinute> minutes = IntStream.rangeClosed(1, 10)
                .mapToObj(n -> minute(n, 30, 200, 500 + 3L * n))
                .toList();
        SoakVerdict verdict = verdict(minutes);
        assertThat(verdict.platformRssSlope()).isCloseTo(3.0, within(1e-9));
        assertThat(verdict.flatMemory()).isFalse();
        assertThat(verdict.line()).contains("memory grows", "over minutes 6–10 platform RSS +3.0 MB/min");
    }

    @Test
    void aShortSoakFitsItsLastTwoMinutes() {
        SoakVerdict verdict = verdict(List.of(minute(1, 30, 100, 500), minute(2, 30, 100, 501)));
        assertThat(verdict.fromMinute()).isEqualTo(1);
        assertThat(verdict.platformRssSlope()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void driftComparesTheLastMinutesP99WithTheFirsts() {
        SoakVerdict steady =
                verdict(List.of(minute(1, 40, 100, 500), minute(2, 35, 100, 500), minute(3, 55, 100, 500)));
        assertThat(steady.driftMs()).isEqualTo(15);
        assertThat(steady.steadyLatency()).isTrue();
        assertThat(steady.line())
                .startsWith("latency steady: p99 40 ms in the first minute, 55 ms in the last (+15 ms)");

        SoakVerdict drifting =
                verdict(List.of(minute(1, 40, 100, 500), minute(2, 40, 100, 500), minute(3, 61, 100, 500)));
        assertThat(drifting.steadyLatency()).isFalse();
        assertThat(verdict(List.of(minute(1, 4, 100, 500), minute(2, 14, 100, 500)))
                        .steadyLatency())
                .isTrue();
    }
}
