package pe.centinela.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pe.centinela.core.domain.Transaction;

/** Generated rows shared by the tests, built once per (seed, fraud rate, size). */
record GeneratedSample(List<GeneratedTransaction> rows, List<String> skimmedAt, MerchantCatalogue catalogue) {

    static final Instant START = Instant.parse("2025-03-01T05:00:00Z");
    static final int LARGE = 200_000;

    private static final Map<String, GeneratedSample> CACHE = new ConcurrentHashMap<>();

    static GeneratedSample of(long seed, double fraudRate, int count) {
        return CACHE.computeIfAbsent(seed + "/" + fraudRate + "/" + count, key -> generate(seed, fraudRate, count));
    }

    static GeneratedSample standard() {
        return of(2024, 0.005, LARGE);
    }

    static TransactionGenerator generator(long seed, double fraudRate) {
        return new TransactionGenerator(GeneratorSettings.defaults(seed, START).withFraudRate(fraudRate));
    }

    private static GeneratedSample generate(long seed, double fraudRate, int count) {
        TransactionGenerator generator = generator(seed, fraudRate);
        List<GeneratedTransaction> rows = new ArrayList<>(count);
        List<String> skimmedAt = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(generator.next());
            skimmedAt.add(generator.skimmedMerchantOfLast());
        }
        return new GeneratedSample(
                Collections.unmodifiableList(rows), Collections.unmodifiableList(skimmedAt), generator.catalogue());
    }

    List<Transaction> transactions() {
        return rows.stream().map(GeneratedTransaction::transaction).toList();
    }

    List<GeneratedTransaction> ofScenario(FraudScenario scenario) {
        return rows.stream().filter(row -> row.scenario() == scenario).toList();
    }
}
