package pe.centinela.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    private static final List<String> LOG = List.of(
            "[1764000000100ms] Using G1",
            "[1764000010000ms] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 4.123ms",
            "[1764000050000ms] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 130M->12M(256M) 3.001ms",
            "[1764000059999ms] GC(2) Pause Young (Concurrent Start) (G1 Humongous Allocation) 140M->9M(256M) 2.5ms",
            "[1764000060000ms] GC(2) Concurrent Mark Cycle",
            "[1764000061000ms] GC(2) Pause Remark 20M->20M(256M) 1.0ms",
            "[1764000062000ms] GC(3) Pause Young (Mixed) (G1 Evacuation Pause) 2G->512K(2G) 9.0ms",
            "[1764000130000ms] GC(2) Concurrent Mark Cycle 61.000ms",
            "[1764000140000ms] GC(4) Pause Full (System.gc()) 300M->40M(2G) 80.1ms",
            "[1764000150000ms] GC(5) Pause Young (Normal) (G1 Evacuation Pause) 140M->45M(2G) 3.0ms");

    @Test
    void readsTheHeapAfterEachCollectionWithItsTime() {
        List<GcLog.Collection> collections = GcLog.parse(LOG);
        assertThat(collections).hasSize(7);
        assertThat(collections.get(0)).isEqualTo(new GcLog.Collection(1_764_000_010_000L, 6L << 20, false, 4.123));
        assertThat(collections.get(4)).isEqualTo(new GcLog.Collection(1_764_000_062_000L, 512L << 10, false, 9.0));
        assertThat(collections.get(5)).isEqualTo(new GcLog.Collection(1_764_000_140_000L, 40L << 20, true, 80.1));
    }

    @Test
    void bucketsCollectionsIntoHalfOpenMinutesKeepingTheLeastHeap() {
        List<GcLog.Collection> collections = GcLog.parse(LOG);
        long start = 1_764_000_000_000L;
        assertThat(GcLog.leastHeapAfter(collections, start, start + 60_000)).hasValue(6L << 20);
        assertThat(GcLog.leastHeapAfter(collections, start + 20_000, start + 60_000))
                .hasValue(9L << 20);
        assertThat(GcLog.leastHeapAfter(collections, start + 60_000, start + 120_000))
                .hasValue(512L << 10);
        assertThat(GcLog.leastHeapAfter(collections, start + 180_000, start + 240_000))
                .isEmpty();
    }

    @Test
    void countsThePausesOfASpanWithTheirMedianLongestAndShareOfTheSpan() {
        List<GcLog.Collection> collections = GcLog.parse(LOG);
        long start = 1_764_000_000_000L;
        GcLog.Pauses firstMinute = GcLog.pauses(collections, start, start + 60_000);
        assertThat(firstMinute.count()).isEqualTo(3);
        assertThat(firstMinute.medianMillis()).isEqualTo(3.001);
        assertThat(firstMinute.longestMillis()).isEqualTo(4.123);
        assertThat(firstMinute.pausedShare()).isCloseTo((4.123 + 3.001 + 2.5) / 60_000, within(1e-12));
        GcLog.Pauses secondMinute = GcLog.pauses(collections, start + 60_000, start + 120_000);
        assertThat(secondMinute.count()).isEqualTo(2);
        assertThat(secondMinute.longestMillis()).isEqualTo(9.0);
        assertThat(GcLog.pauses(collections, start + 200_000, start + 260_000)).isEqualTo(new GcLog.Pauses(0, 0, 0, 0));
    }

    @Test
    void theLiveHeapIsWhatTheLastFullCollectionLeft() {
        assertThat(GcLog.lastFullHeapAfter(GcLog.parse(LOG))).hasValue(40L << 20);
        assertThat(GcLog.lastFullHeapAfter(GcLog.parse(LOG.subList(0, 7)))).isEmpty();
    }
}
