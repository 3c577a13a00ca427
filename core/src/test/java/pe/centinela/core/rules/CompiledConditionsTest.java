package pe.centinela.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeatureSpec;

/**
 * The compiled conditions agree with CEL's interpreter: random well-typed expressions over every kind of variable,
 * each evaluated on random transactions both ways.
 */
class CompiledConditionsTest {

    private static final List<RuleVariables.Variable> BOOLS = of(RuleVariables.Type.BOOL);
    private static final List<RuleVariables.Variable> INTS = of(RuleVariables.Type.INT);
    private static final List<RuleVariables.Variable> DOUBLES = of(RuleVariables.Type.DOUBLE);
    private static final List<RuleVariables.Variable> STRINGS = of(RuleVariables.Type.STRING);
    private static final List<String> WORDS = List.of(
            "wallet",
            "pos",
            "PEN",
            "USD",
            "dev-bad",
            "acc-vip",
            "",
            "4829",
            "money_transfer",
            "PE",
            "10.0.0.9",
            "cp-1",
            "m-1");

    private final RuleCompiler compiler = new RuleCompiler();

    private static List<RuleVariables.Variable> of(RuleVariables.Type type) {
        return RuleVariables.all().stream().filter(v -> v.type() == type).toList();
    }

    @Test
    void compiledAndInterpretedAgreeOnRandomExpressions() throws Exception {
        Random random = new Random(20261205);
        int compiled = 0;
        RuleInput a = new RuleInput();
        RuleInput b = new RuleInput();
        for (int e = 0; e < 1000; e++) {
            String expression = bool(random, 3);
            var ast = compiler.check(expression, RuleFixtures.LISTS);
            Condition fast = compiler.compile(expression, RuleFixtures.LISTS);
            Condition slow = RuleCompiler.interpreted(ast, RuleFixtures.LISTS);
            compiled += fast.compiled() ? 1 : 0;
            for (int t = 0; t < 10; t++) {
                Transaction tx = transaction(random);
                double[] row = row(random);
                double score = random.nextDouble();
                assertThat(fast.test(a.set(tx, row, score)))
                        .as(expression + " on " + tx)
                        .isEqualTo(slow.test(b.set(tx, row, score)));
            }
        }
        assertThat(compiled)
                .as("expressions of the common operators run compiled")
                .isEqualTo(1000);
    }

    private static String bool(Random r, int depth) {
        int choice = depth == 0 ? r.nextInt(5) : r.nextInt(12);
        return switch (choice) {
            case 0 -> pick(r, BOOLS).name();
            case 1 -> number(r, 1) + " " + pick(r, List.of("<", "<=", ">", ">=")) + " " + number(r, 1);
            case 10 ->
                pick(r, DOUBLES).name() + " " + pick(r, List.of("==", "!=")) + " "
                        + (r.nextBoolean() ? pick(r, DOUBLES).name() : "0.0");
            case 2 -> pick(r, STRINGS).name() + " " + pick(r, List.of("==", "!=")) + " " + quoted(r);
            case 3 ->
                "in_list(\"" + pick(r, List.of("blocked_devices", "trusted_accounts", "watched_ips")) + "\", "
                        + pick(r, STRINGS).name() + ")";
            case 4 -> pick(r, INTS).name() + " " + pick(r, List.of("<", ">=", "==")) + " " + r.nextInt(30);
            case 5 -> "(" + bool(r, depth - 1) + " && " + bool(r, depth - 1) + ")";
            case 6 -> "(" + bool(r, depth - 1) + " || " + bool(r, depth - 1) + ")";
            case 7 -> "!(" + bool(r, depth - 1) + ")";
            case 8 -> "(" + bool(r, depth - 1) + " ? " + bool(r, depth - 1) + " : " + bool(r, depth - 1) + ")";
            case 9 -> pick(r, STRINGS).name() + " in [" + quoted(r) + ", " + quoted(r) + "]";
            default ->
                pick(r, STRINGS).name() + "." + pick(r, List.of("startsWith", "endsWith", "contains")) + "(" + quoted(r)
                        + ")";
        };
    }

    /** A double expression, or an int variable or literal (compared with doubles through CEL's numeric comparisons). */
    private static String number(Random r, int depth) {
        int choice = depth == 0 ? r.nextInt(4) : r.nextInt(7);
        return switch (choice) {
            case 0 -> pick(r, DOUBLES).name();
            case 1 -> String.valueOf(Math.round(r.nextDouble() * 5000) / 10.0);
            case 2 -> pick(r, INTS).name();
            case 3 -> String.valueOf(r.nextInt(50));
            case 4 ->
                "(" + pick(r, DOUBLES).name() + " " + pick(r, List.of("+", "-", "*", "/")) + " "
                        + pick(r, DOUBLES).name() + ")";
            case 5 -> "double(" + pick(r, INTS).name() + ")";
            default -> "-" + pick(r, DOUBLES).name();
        };
    }

    private static String quoted(Random r) {
        return "\"" + pick(r, WORDS) + "\"";
    }

    private static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    private static Transaction transaction(Random r) {
        double amount = r.nextInt(4) == 0 ? 0 : Math.round(r.nextDouble() * 500_000) / 100.0;
        return new Transaction(
                "tx-" + r.nextInt(1000),
                pick(r, List.of("acc-1", "acc-vip")),
                BigDecimal.valueOf(amount),
                "PEN",
                BigDecimal.valueOf(amount),
                pick(r, List.of("PEN", "USD")),
                Instant.ofEpochSecond(1_770_000_000L + r.nextInt(10_000_000)),
                r.nextBoolean() ? null : pick(r, List.of("m-1", "m-2")),
                pick(r, List.of("4829", "5411", "7995")),
                pick(r, List.of(Channel.values())),
                r.nextBoolean() ? null : pick(r, List.of("dev-bad", "dev-1")),
                r.nextBoolean() ? null : pick(r, List.of("10.0.0.9", "10.0.0.1")),
                r.nextBoolean() ? null : pick(r, List.of("cp-1", "cp-2")),
                pick(r, List.of("PE", "US")),
                null,
                null);
    }

    private static double[] row(Random r) {
        double[] row = new double[FeatureCatalogue.SIZE];
        for (int i = 0; i < row.length; i++) {
            FeatureSpec spec = FeatureCatalogue.feature(i);
            row[i] = spec.type() == FeatureSpec.Type.NUMERIC
                    ? (r.nextInt(5) == 0 ? 0 : r.nextDouble() * 6)
                    : r.nextInt(2);
        }
        return row;
    }
}
