package pe.centinela.adapters.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an {@code Authorization} header: HTTP Basic against the user store, or a bearer token from
 * {@link TokenStore}. A verified token is remembered for half a minute so a busy script costs no database round
 * trip per request; a revoked token or a changed user is forgotten at once on every replica ({@link AccessChanges}),
 * and nothing is remembered while this replica does not hear those changes.
 */
public final class Authenticator {

    private static final long REMEMBER_NANOS = Duration.ofSeconds(30).toNanos();
    private static final int REMEMBER_MAX = 10_000;

    private final PasswordAuthentication passwords;
    private final TokenStore tokens;
    private final Map<String, Remembered> rememberedTokens = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBER_MAX;
        }
    };

    private record Remembered(User user, long until) {}

    private final AccessChanges changes;
    private long forgettings;

    public Authenticator(Vertx vertx, UserStore users, TokenStore tokens, LoginGuard guard, AccessChanges changes) {
        this.passwords = new PasswordAuthentication(vertx, users, guard, changes::live);
        this.tokens = tokens;
        this.changes = changes;
    }

    /** Starts hearing other replicas' changes. */
    public Future<Void> listen() {
        return changes.listen(this::forgetUser, this::forgetToken, this::forgetAll);
    }

    public Future<User> authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Future.failedFuture("log in with HTTP Basic or a bearer token");
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String value = space < 0 ? "" : authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(value)
                    .recover(e -> Future.failedFuture(e instanceof TooManyLogins ? new HttpException(429, e) : e));
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return bearer(value);
        }
        return Future.failedFuture("unsupported authorization scheme");
    }

    /** Checks a user name and password, as a login form does. */
    public Future<User> login(String username, String password) {
        return passwords.authenticate(new UsernamePasswordCredentials(username, password));
    }

    /** A token was revoked: every replica forgets it. */
    public Future<Void> tokenRevoked(String tokenId) {
        forgetToken(tokenId);
        return changes.tokenRevoked(tokenId);
    }

    /** A user's password, role or state changed: every replica forgets their login and tokens. */
    public Future<Void> userChanged(String username) {
        forgetUser(username);
        return changes.userChanged(username);
    }

    private synchronized void forgetToken(String tokenId) {
        forgettings++;
        rememberedTokens
                .values()
                .removeIf(r -> tokenId.equals(r.user().principal().getString("token_id")));
    }

    private void forgetUser(String username) {
        passwords.forget(username);
        synchronized (this) {
            forgettings++;
            rememberedTokens
                    .values()
                    .removeIf(r -> r.user().principal().getString("username").equals(username));
        }
    }

    private void forgetAll() {
        passwords.forgetAll();
        synchronized (this) {
            forgettings++;
            rememberedTokens.clear();
        }
    }

    private Future<User> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Future.failedFuture("malformed Basic credentials");
        }
        return login(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private Future<User> bearer(String token) {
        User known = changes.live() ? recall(token) : null;
        if (known != null) {
            return Future.succeededFuture(known);
        }
        long seen = forgettings();
        return tokens.verify(token).compose(holder -> {
            if (holder.isEmpty()) {
                return Future.failedFuture("invalid or expired token");
            }
            User user = PasswordAuthentication.user(
                    holder.get().username(), holder.get().role());
            user.principal().put("token_id", TokenStore.idOf(token).orElseThrow());
            rememberUnlessForgotten(token, user, seen);
            return Future.succeededFuture(user);
        });
    }

    private synchronized User recall(String token) {
        Remembered r = rememberedTokens.get(token);
        if (r == null) {
            return null;
        }
        if (r.until() - System.nanoTime() < 0) {
            rememberedTokens.remove(token);
            return null;
        }
        return r.user();
    }

    private synchronized long forgettings() {
        return forgettings;
    }

    /** Remembers a token verified against the database, unless something was forgotten since the check began. */
    private synchronized void rememberUnlessForgotten(String token, User user, long seen) {
        if (forgettings == seen && changes.live()) {
            rememberedTokens.put(token, new Remembered(user, System.nanoTime() + REMEMBER_NANOS));
        }
    }
}
