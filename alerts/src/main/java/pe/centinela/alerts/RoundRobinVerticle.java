package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.cases.RoundRobin;
import pe.centinela.core.config.PlatformConfig;

/**
 * Hands the open cases no one holds to the members of each queue that assigns on its own, in turn, every
 * {@code interval}: in one transaction per round, the queues locked (another replica skips them that round), at most
 * {@link #CASES_PER_ROUND} cases per queue, highest priority first, each assignment in the case's timeline. Members
 * disabled since they joined are skipped.
 */
public final class RoundRobinVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RoundRobinVerticle.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);
    static final int CASES_PER_ROUND = 50;

    private final PlatformConfig config;
    private final Duration interval;
    private Pool pool;
    private long timer;

    public RoundRobinVerticle(PlatformConfig config) {
        this(config, INTERVAL);
    }

    RoundRobinVerticle(PlatformConfig config, Duration interval) {
        this.config = config;
        this.interval = interval;
    }

    @Override
    public Future<?> start() {
        pool = Database.pool(vertx, config.postgres());
        timer = vertx.setPeriodic(interval.toMillis(), id -> round());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return pool == null ? Future.succeededFuture() : pool.close();
    }

    private void round() {
        pool.withTransaction(conn -> conn.query(QueueQueries.ROUND_ROBIN_QUEUES)
                        .execute()
                        .compose(queues -> {
                            Future<Integer> handed = Future.succeededFuture(0);
                            for (Row queue : queues) {
                                handed = handed.compose(
                                        sum -> handOut(conn, queue).map(n -> sum + n));
                            }
                            return handed;
                        }))
                .onSuccess(handed -> {
                    if (handed > 0) {
                        LOG.info("round robin: {} cases handed to queue members", handed);
                    }
                })
                .onFailure(e -> LOG.warn("round robin failed, trying again in {}: {}", interval, e.toString()));
    }

    private Future<Integer> handOut(SqlConnection conn, Row queue) {
        String name = queue.getString("name");
        String[] members = queue.getArrayOfStrings("members");
        return conn.preparedQuery(QueueQueries.WORKERS)
                .execute(Tuple.of(members))
                .compose(found -> {
                    List<String> enabled = new ArrayList<>();
                    List<String> workers = new ArrayList<>();
                    found.forEach(row -> workers.add(row.getString("username")));
                    for (String member : members) {
                        if (workers.contains(member)) {
                            enabled.add(member);
                        }
                    }
                    if (enabled.isEmpty()) {
                        return Future.succeededFuture(0);
                    }
                    return conn.preparedQuery(QueueQueries.ROUND_ROBIN_CASES)
                            .execute(Tuple.of(name, CASES_PER_ROUND))
                            .compose(cases -> {
                                List<String> ids = new ArrayList<>();
                                cases.forEach(row -> ids.add(row.getString("case_id")));
                                if (ids.isEmpty()) {
                                    return Future.succeededFuture(0);
                                }
                                int next = queue.getInteger("next_member");
                                List<String> owners = RoundRobin.owners(enabled, next, ids.size());
                                return conn.preparedQuery(QueueQueries.HAND_OUT)
                                        .execute(Tuple.of(
                                                ids.toArray(String[]::new), (Object) owners.toArray(String[]::new)))
                                        .compose(v -> conn.preparedQuery(QueueQueries.NEXT_TURN)
                                                .execute(Tuple.of(
                                                        name, RoundRobin.nextAfter(enabled, next, ids.size()))))
                                        .map(ids.size());
                            });
                });
    }
}
