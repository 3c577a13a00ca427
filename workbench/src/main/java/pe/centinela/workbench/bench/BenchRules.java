package pe.centinela.workbench.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * template repeated with stricter thresholds until there are as many as asked. Thresholds as a team sets them, so
 * that they hold on a small share of traffic ({@code BenchRulesTest}); they once held on 28 %, and the benchmark then
 * measured alerts and explanations more than rules.
 */
final class BenchRules {

    /** Each template with its threshold for the k-th repetition: stricter as k grows, as a team's variants are. */
    private static final List<java.util.function.IntFunction<String>> TEMPLATES = List.of(
            k -> "channel == \"wallet\" && new_counterparty && amount_pen > " + (2000 + 250 * k)
                    + ".0 && hour_lima < 6",
            k -> "count_1h >= " + (8 + k) + " && amount_pen > 500.0",
            k -> "in_list(\"watched_devices\", device_id) && amount_pen > " + (200 + 50 * k) + ".0",
            k -> "mcc in [\"7995\", \"4829\", \"6051\"] && score > 0.9" + k,
            k -> "new_device && merchant_fraud_share_7d > 0." + (10 + k),
            k -> "small_count_1h >= " + (3 + k) + " && channel == \"ecommerce\"",
            k -> "amount_pen > " + (15 + k) + ".0 * mean_30d && history_count > 20",
            k -> "ip.startsWith(\"10." + k + ".\") && foreign");

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
            String expression = TEMPLATES.get(i % TEMPLATES.size()).apply(i / TEMPLATES.size());
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
