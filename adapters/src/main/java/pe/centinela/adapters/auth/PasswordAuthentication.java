package pe.centinela.adapters.auth;

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
import java.util.function.BooleanSupplier;
import pe.centinela.core.domain.Role;

/**
 * Checks user names and passwords against the user store, behind the {@link LoginGuard}'s throttle and lockout.
 * bcrypt runs on a worker thread, against a decoy hash for unknown or disabled users so every refusal takes as long;
 * a hash of an older, lower cost is replaced at the next login. A verified login is remembered for a minute (by a
 * SHA-256 of the password, never the password) so scripts using HTTP Basic do not pay a bcrypt per request; a change
 * to the user forgets it on every replica ({@link AccessChanges}).
 */
public final class PasswordAuthentication implements AuthenticationProvider {

    private static final long REMEMBER_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int REMEMBER_MAX = 1_000;

    private final Vertx vertx;
    private final UserStore users;
    private final LoginGuard guard;
    private final BooleanSupplier mayRemember;
    private long forgettings;
    private final Map<String, Remembered> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBER_MAX;
        }
    };

    private record Remembered(byte[] passwordDigest, Role role, long until) {}

    public PasswordAuthentication(Vertx vertx, UserStore users, LoginGuard guard, BooleanSupplier mayRemember) {
        this.vertx = vertx;
        this.users = users;
        this.guard = guard;
        this.mayRemember = mayRemember;
    }

    @Override
    public Future<User> authenticate(Credentials credentials) {
        if (!(credentials instanceof UsernamePasswordCredentials login)
                || login.getUsername() == null
                || login.getPassword() == null) {
            return Future.failedFuture("user name and password required");
        }
        String username = login.getUsername();
        byte[] digest = sha256(login.getPassword());
        Remembered known = mayRemember.getAsBoolean() ? recall(username) : null;
        if (known != null && MessageDigest.isEqual(known.passwordDigest(), digest)) {
            return Future.succeededFuture(user(username, known.role()));
        }
        long seen = forgettings();
        return guard.admit(username).compose(admitted -> users.find(username)).compose(found -> {
            UserStore.StoredUser stored =
                    found.filter(UserStore.StoredUser::enabled).orElse(null);
            return vertx.executeBlocking(
                            () -> Passwords.matches(login.getPassword(), stored == null ? null : stored.passwordHash()))
                    .compose(ok -> ok ? loggedIn(stored, login.getPassword(), digest, seen) : failed(username));
        });
    }

    private Future<User> loggedIn(UserStore.StoredUser stored, String password, byte[] digest, long seen) {
        String username = stored.username();
        rememberUnlessForgotten(
                username, new Remembered(digest, stored.role(), System.nanoTime() + REMEMBER_NANOS), seen);
        Future<Void> rehashed = Passwords.weakerThanToday(stored.passwordHash())
                ? users.update(username, new UserStore.Change(password, null, null))
                        .mapEmpty()
                : Future.succeededFuture();
        return rehashed.compose(v -> guard.succeeded(username)).map(v -> user(username, stored.role()));
    }

    private Future<User> failed(String username) {
        return guard.failed(username).compose(v -> Future.failedFuture("invalid user name or password"));
    }

    /** Forgets a remembered login, so a changed password or a disabled user takes effect at once on this instance. */
    synchronized void forget(String username) {
        forgettings++;
        remembered.remove(username);
    }

    synchronized void forgetAll() {
        forgettings++;
        remembered.clear();
    }

    private synchronized long forgettings() {
        return forgettings;
    }

    private synchronized Remembered recall(String username) {
        Remembered r = remembered.get(username);
        if (r != null && r.until() - System.nanoTime() < 0) {
            remembered.remove(username);
            return null;
        }
        return r;
    }

    /** Remembers a login checked against the database, unless something was forgotten since the check began. */
    private synchronized void rememberUnlessForgotten(String username, Remembered r, long seen) {
        if (forgettings == seen && mayRemember.getAsBoolean()) {
            remembered.put(username, r);
        }
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
