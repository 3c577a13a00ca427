package pe.centinela.scoring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.adapters.rules.RuleRegistry;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.core.rules.RuleBook;
import pe.centinela.core.rules.RuleCompiler;

/**
 * Keeps the engine deciding with the rules and lists in the registry: loaded before scoring starts, then reloaded
 * whenever the registry's revision moved (checked every {@code scoring.rules-refresh-interval}), compiled off the event
 * loop and swapped in between two batches. A rule that no longer compiles is refused and reported, the others are put
 * in force; when the registry cannot be read, the rules in force stay. Rules declared in {@code scoring.rules-file}
 * are brought into the registry first ({@link DeclaredRulesSync}).
 */
final class RuleRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(RuleRefresh.class);

    private final Vertx vertx;
    private final PipelineStats stats;
    private final Pool pool;
    private final RuleRegistry registry;
    private final RuleCompiler compiler = new RuleCompiler();
    private final DeclaredRulesSync declared;
    private ScoringEngine engine;
    private long revision = -1;
    private boolean refreshing;
    private String lastProblem;

    RuleRefresh(Vertx vertx, PlatformConfig config, PipelineStats stats) {
        this.vertx = vertx;
        this.stats = stats;
        this.pool = Database.pool(vertx, config.postgres());
        this.registry = new RuleRegistry(pool);
        Path rulesFile = config.scoring().rulesFile();
        this.declared =
                rulesFile.toString().isEmpty() ? null : new DeclaredRulesSync(vertx, registry, rulesFile, compiler);
    }

    /** Loads the rules into the engine, then keeps them current every {@code interval}. */
    Future<Void> start(ScoringEngine target, Duration interval) {
        this.engine = target;
        return syncDeclared()
                .compose(v -> load())
                .onSuccess(v -> vertx.setPeriodic(interval.toMillis(), id -> refresh()));
    }

    void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        syncDeclared()
                .compose(v -> registry.revision())
                .compose(current -> current == revision ? Future.<Void>succeededFuture() : load())
                .onComplete(done -> {
                    refreshing = false;
                    if (done.failed()) {
                        report("rules could not be read, the rules in force stay: "
                                + done.cause().getMessage());
                    }
                });
    }

    /** The declared rules brought into the registry first, so that they are in the book loaded next. */
    private Future<Void> syncDeclared() {
        return declared == null ? Future.succeededFuture() : declared.sync();
    }

    private Future<Void> load() {
        return registry.snapshot()
                .compose(snapshot -> vertx.executeBlocking(
                                () -> RuleBook.of(snapshot.rules(), snapshot.lists(), compiler))
                        .map(book -> {
                            engine.activate(book);
                            revision = snapshot.revision();
                            stats.rulesInForce(
                                    book.rules().size(), book.refused().size(), snapshot.revision());
                            LOG.info(
                                    "rules revision {}: {} rules in force, {} lists",
                                    snapshot.revision(),
                                    book.rules().size(),
                                    snapshot.lists().names().size());
                            report(
                                    book.refused().isEmpty()
                                            ? null
                                            : "rules refused: "
                                                    + book.refused().stream()
                                                            .map(r -> r.ruleId() + " v" + r.version() + " ("
                                                                    + r.reason() + ")")
                                                            .toList());
                            return null;
                        }));
    }

    private void report(String problem) {
        if (problem != null && !problem.equals(lastProblem)) {
            LOG.warn("{}", problem);
        }
        lastProblem = problem;
    }

    Future<Void> close() {
        return pool.close();
    }
}
