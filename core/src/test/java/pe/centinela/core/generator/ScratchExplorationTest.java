package pe.centinela.core.generator;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScratchExplorationTest {

    @Test
    void explore() throws Exception {
        Instant start = Instant.parse("2025-03-01T05:00:00Z");
        for (double rate : new double[] {0.005, 0.02}) {
            for (long seed = 1; seed <= 8; seed++) {
                TransactionGenerator g = new TransactionGenerator(GeneratorSettings.defaults(seed, start).withFraudRate(rate));
                Map<FraudScenario, Integer> counts = new EnumMap<>(FraudScenario.class);
                int n = 200_000, fraud = 0;
                for (int i = 0; i < n; i++) {
                    GeneratedTransaction t = g.next();
                    counts.merge(t.scenario(), 1, Integer::sum);
                    if (t.fraud()) fraud++;
                }
                System.out.printf("rate %.3f seed %d fraction %.5f (rel %.3f) %s clock %s pending %d%n", rate, seed,
                        fraud / (double) n, fraud / (double) n / rate, counts, g.clock(), g.pendingFraud());
            }
        }
        TransactionGenerator g = new TransactionGenerator(GeneratorSettings.defaults(42, start));
        Map<String, Integer> channels = new TreeMap<>();
        Map<Integer, Integer> hours = new TreeMap<>();
        for (int i = 0; i < 200_000; i++) {
            GeneratedTransaction t = g.next();
            channels.merge(t.transaction().channel().code(), 1, Integer::sum);
            hours.merge(LimaTime.hour(t.transaction().timestamp().toEpochMilli()), 1, Integer::sum);
            if (i < 40 || (t.fraud() && i % 7 == 0 && i < 60000)) {
                StringBuilder sb = new StringBuilder();
                GeneratedCsv.writeRow(t, sb);
                System.out.print(sb);
            }
        }
        System.out.println(channels);
        System.out.println(hours);
        System.out.println("merchants " + g.catalogue().merchants().size());
        for (int rep = 0; rep < 3; rep++) {
            TransactionGenerator speed = new TransactionGenerator(GeneratorSettings.defaults(7, start));
            long t0 = System.nanoTime();
            long sink = 0;
            for (int i = 0; i < 1_000_000; i++) {
                sink += speed.next().transaction().transactionId().length();
            }
            long t1 = System.nanoTime();
            System.out.printf("1M rows in %.1f ms -> %.0f rows/s (sink %d, pending %d)%n", (t1 - t0) / 1e6,
                    1e6 / ((t1 - t0) / 1e9), sink, speed.pendingFraud());
        }
    }
}
