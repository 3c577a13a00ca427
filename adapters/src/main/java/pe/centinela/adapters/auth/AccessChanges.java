package pe.centinela.adapters.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every replica, through PostgreSQL's NOTIFY, that a user changed (password, role, enabled) or a token was
 * revoked, so each forgets what it remembered of them at once. While a replica is not listening (not yet connected,
 * or its connection lost) it is not {@link #live()}, and remembers nothing: every request is checked against the
 * database until it listens again.
 */
public final class AccessChanges {

    private static final Logger LOG = LoggerFactory.getLogger(AccessChanges.class);
    private static final String CHANNEL = "centinela_access";
    private static final String NOTIFY = "SELECT pg_notify($1, $2)";
    private static final String USER = "user:";
    private static final String TOKEN = "token:";

    private final Pool pool;
    private final PgSubscriber subscriber;
    private volatile boolean live;
    private volatile boolean closing;
    private volatile Runnable forgetAll = () -> {};

    public AccessChanges(Vertx vertx, Pool pool, PgConnectOptions connect) {
        this.pool = pool;
        this.subscriber = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(this::reconnectAfter);
    }

    /** Starts listening; {@code forgetUser} and {@code forgetToken} run for every change any replica announces. */
    public Future<Void> listen(Consumer<String> forgetUser, Consumer<String> forgetToken, Runnable forgetAll) {
        this.forgetAll = forgetAll;
        subscriber.closeHandler(v -> notListening());
        subscriber.channel(CHANNEL).subscribeHandler(v -> live = true).handler(payload -> {
            if (payload.startsWith(USER)) {
                forgetUser.accept(payload.substring(USER.length()));
            } else if (payload.startsWith(TOKEN)) {
                forgetToken.accept(payload.substring(TOKEN.length()));
            }
        });
        return subscriber.connect();
    }

    public boolean live() {
        return live;
    }

    /** Called by the subscriber each time its connection is lost, before it connects again (and listens: live again). */
    private long reconnectAfter(int retries) {
        notListening();
        return 1_000L;
    }

    /** Changes may be missed from now until listening again: forget everything remembered. */
    private void notListening() {
        boolean wasLive = live;
        live = false;
        forgetAll.run();
        if (wasLive && !closing) {
            LOG.warn(
                    "stopped listening for access changes; logins are checked against the database until it listens again");
        }
    }

    Future<Void> userChanged(String username) {
        return pool.preparedQuery(NOTIFY)
                .execute(Tuple.of(CHANNEL, USER + username))
                .mapEmpty();
    }

    Future<Void> tokenRevoked(String tokenId) {
        return pool.preparedQuery(NOTIFY)
                .execute(Tuple.of(CHANNEL, TOKEN + tokenId))
                .mapEmpty();
    }

    public Future<Void> close() {
        closing = true;
        live = false;
        return subscriber.close();
    }
}
