package pe.centinela.runtime.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import pe.centinela.core.model.Role;

/**
 * Checks user names and passwords against the user store. bcrypt runs on a worker thread; a verified login is
 * remembered for a minute (by a SHA-256 of the password, never the password) so scripts using HTTP Basic
 * do not pay a bcrypt per request.
 */
public final class PasswordAuthentication implements AuthenticationProvider {

    private static final long REMEMBER_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int REMEMBER_MAX = 1_000;

    private final Vertx vertx;
    private final UserStore users;
    private final Map<String, Remembered> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBER_MAX;
        }
    };

    private record Remembered(byte[] passwordDigest, Role role, long until) {
    }

    public PasswordAuthentication(Vertx vertx, UserStore users) {
        this.vertx = vertx;
        this.users = users;
    }

    @Override
    public Future<User> authenticate(Credentials credentials) {
        if (!(credentials instanceof UsernamePasswordCredentials login) || login.getUsername() == null || login.getPassword() == null) {
            return Future.failedFuture("user name and password required");
        }
        String username = login.getUsername();
        byte[] digest = sha256(login.getPassword());
        Remembered known = recall(username);
        if (known != null && MessageDigest.isEqual(known.passwordDigest(), digest)) {
            return Future.succeededFuture(user(username, known.role()));
        }
        return users.find(username).compose(found -> {
            if (found.isEmpty() || !found.get().enabled()) {
                return Future.failedFuture("invalid user name or password");
            }
            UserStore.StoredUser stored = found.get();
            return vertx.executeBlocking(() -> Passwords.matches(login.getPassword(), stored.passwordHash())).compose(ok -> {
                if (!ok) {
                    return Future.failedFuture("invalid user name or password");
                }
                remember(username, new Remembered(digest, stored.role(), System.nanoTime() + REMEMBER_NANOS));
                return Future.succeededFuture(user(username, stored.role()));
            });
        });
    }

    /** Forgets a remembered login, so a changed password or a disabled user takes effect at once on this instance. */
    public synchronized void forget(String username) {
        remembered.remove(username);
    }

    private synchronized Remembered recall(String username) {
        Remembered r = remembered.get(username);
        if (r != null && r.until() - System.nanoTime() < 0) {
            remembered.remove(username);
            return null;
        }
        return r;
    }

    private synchronized void remember(String username, Remembered r) {
        remembered.put(username, r);
    }

    public static User user(String username, Role role) {
        return User.create(new JsonObject().put("username", username).put("role", role.code()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
