package pe.centinela.workbench.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import pe.centinela.core.domain.RuleOutcome;
import pe.centinela.core.rules.NamedList;
import pe.centinela.core.rules.Rule;
import pe.centinela.core.rules.RuleBook;
import pe.centinela.core.rules.RuleCompiler;
import pe.centinela.core.rules.RuleLists;
import pe.centinela.core.rules.RuleStatus;

/**
 * Rules as a fraud team writes them, for the benchmarks: conjunctions over the channel, amounts, velocity, flags, the
 * merchant category, the score, a watch list of 1,000 devices, ratios against the account's own averages; each
 * template repeated with other thresholds until there are as many as asked.
 */
final class BenchRules {

    private static final List<String> TEMPLATES = List.of(
            "channel == \"wallet\" && new_counterparty && amount_pen > %d && hour_lima < 6",
            "count_1h >= %d && amount_pen > 100.0",
            "in_list(\"watched_devices\", device_id) && amount_pen > %d",
            "mcc in [\"7995\", \"4829\", \"6051\"] && score > 0.%d",
            "new_device && merchant_fraud_share_7d > 0.0%d",
            "small_count_1h >= %d && channel == \"ecommerce\"",
            "amount_pen > 10.0 * mean_30d && history_count > %d",
            "ip.startsWith(\"10.%d.\") && foreign");

    private BenchRules() {}

    /** {@code count} active rules and the watch list they read, compiled. */
    static RuleBook book(int count) {
        Set<String> devices = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            devices.add("dev-" + (i * 7919 % 100_000));
        }
        RuleLists lists = new RuleLists(
                List.of(new NamedList("watched_devices", NamedList.Kind.DEVICE, NamedList.Purpose.WATCH, devices)));
        List<Rule> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String expression = String.format(Locale.ROOT, TEMPLATES.get(i % TEMPLATES.size()), 3 + i);
            rules.add(new Rule(
                    "bench_" + i,
                    1,
                    expression,
                    i % 3 == 0 ? RuleOutcome.DECLINE : RuleOutcome.REVIEW,
                    RuleStatus.ACTIVE,
                    "regla de prueba " + i,
                    "benchmark rule " + i));
        }
        RuleBook book = RuleBook.of(rules, lists, new RuleCompiler());
        if (!book.refused().isEmpty()) {
            throw new IllegalStateException("benchmark rules refused: " + book.refused());
        }
        return book;
    }
}
