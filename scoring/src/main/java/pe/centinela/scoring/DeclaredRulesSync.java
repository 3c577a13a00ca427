package pe.centinela.scoring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.rules.RuleRegistry;
import pe.centinela.core.rules.DeclaredRules;
import pe.centinela.core.rules.Rule;
import pe.centinela.core.rules.RuleCompiler;
import pe.centinela.core.rules.RuleFile;
import pe.centinela.core.rules.RuleLists;
import pe.centinela.core.rules.RuleSyntaxException;

/**
 * Brings the rules declared in a file ({@code scoring.rules-file}: on Kubernetes the {@code rules} of the
 * {@code FraudDetector}, written by the operator beside the runtime file) into the registry, marked as managed by
 * Kubernetes: new ones created, changed ones saved as their next version, those no longer declared retired. Runs on
 * each refresh until the file's content is in the registry; every scoring replica may run it, and the registry's
 * version checks let one of them win while the others find nothing left to do.
 */
final class DeclaredRulesSync {

    private static final Logger LOG = LoggerFactory.getLogger(DeclaredRulesSync.class);
    private static final String ACTOR = "kubernetes";

    private final Vertx vertx;
    private final RuleRegistry registry;
    private final Path file;
    private final RuleCompiler compiler;
    private String applied;
    private String lastProblem;

    DeclaredRulesSync(Vertx vertx, RuleRegistry registry, Path file, RuleCompiler compiler) {
        this.vertx = vertx;
        this.registry = registry;
        this.file = file;
        this.compiler = compiler;
    }

    /** Applies the file when its content changed since it was last brought in whole. */
    Future<Void> sync() {
        return vertx.executeBlocking(() -> Files.exists(file) ? Files.readString(file) : "")
                .compose(text -> text.equals(applied) ? Future.<Void>succeededFuture() : apply(text));
    }

    private Future<Void> apply(String text) {
        List<Rule> declared;
        try {
            declared = text.isBlank() ? List.of() : RuleFile.parse(text, file.toString());
        } catch (RuleFile.RuleFileException e) {
            report("declared rules not read, the registry keeps what it has: " + e.getMessage());
            return Future.succeededFuture();
        }
        return registry.snapshot()
                .compose(snapshot -> registry.rules()
                        .compose(stored -> vertx.executeBlocking(() -> invalid(declared, snapshot.lists()))
                                .compose(invalid -> {
                                    Map<String, DeclaredRules.Stored> byId = new HashMap<>();
                                    stored.forEach(s ->
                                            byId.put(s.rule().id(), new DeclaredRules.Stored(s.rule(), s.managedBy())));
                                    DeclaredRules.Plan plan = DeclaredRules.plan(declared, byId, invalid);
                                    return carryOut(plan).map(v -> plan);
                                })))
                .map(plan -> {
                    applied = text;
                    report(
                            plan.refused().isEmpty()
                                    ? null
                                    : "declared rules refused: "
                                            + plan.refused().stream()
                                                    .map(r -> r.ruleId() + " (" + r.reason() + ")")
                                                    .toList());
                    if (!plan.isEmpty()) {
                        LOG.info(
                                "declared rules brought into the registry: {} created, {} changed or retired",
                                plan.create().size(),
                                plan.update().size());
                    }
                    return null;
                });
    }

    private Map<String, String> invalid(List<Rule> declared, RuleLists lists) {
        Map<String, String> invalid = new HashMap<>();
        for (Rule rule : declared) {
            try {
                compiler.check(rule.expression(), lists);
            } catch (RuleSyntaxException e) {
                invalid.put(rule.id(), e.getMessage());
            }
        }
        return invalid;
    }

    /** One change after the other; a change another replica made first fails this pass, and the next one re-plans. */
    private Future<Void> carryOut(DeclaredRules.Plan plan) {
        List<java.util.function.Supplier<Future<?>>> steps = new ArrayList<>();
        plan.create().forEach(rule -> steps.add(() -> registry.create(rule, ACTOR, DeclaredRules.MANAGED_BY)));
        plan.update().forEach(u -> steps.add(() -> registry.update(u.rule(), u.replacing(), "declared", ACTOR)));
        Future<?> chain = Future.succeededFuture();
        for (var step : steps) {
            chain = chain.compose(v -> step.get());
        }
        return chain.mapEmpty();
    }

    private void report(String problem) {
        if (problem != null && !problem.equals(lastProblem)) {
            LOG.warn("{}", problem);
        }
        lastProblem = problem;
    }
}
