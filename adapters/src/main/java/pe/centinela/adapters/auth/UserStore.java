package pe.centinela.adapters.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import pe.centinela.core.domain.Role;

/** Users of the API in PostgreSQL. Users are disabled, never deleted: the audit trail names them. */
public final class UserStore {

    private static final String FIND = "SELECT username, password_hash, role, enabled FROM users WHERE username = $1";
    private static final String LIST = """
            SELECT u.username, u.role, u.enabled, u.created_at, CASE WHEN f.locked_until > now() THEN f.locked_until END AS locked_until
            FROM users u LEFT JOIN login_failures f ON f.username = u.username ORDER BY u.username""";
    private static final String CREATE = """
            INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING
            RETURNING username, role, enabled, created_at, NULL::timestamptz AS locked_until""";
    private static final String CREATE_OR_RESET = """
            INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3)
            ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, enabled = true,
                                                 updated_at = now()
            RETURNING username, role, enabled, created_at, NULL::timestamptz AS locked_until""";
    private static final String UPDATE = """
            UPDATE users SET password_hash = coalesce($2, password_hash), role = coalesce($3, role), enabled = coalesce($4, enabled),
                             updated_at = now()
            WHERE username = $1 RETURNING username, role, enabled, created_at, NULL::timestamptz AS locked_until""";

    /** A stored user with the hash of their password. */
    public record StoredUser(String username, String passwordHash, Role role, boolean enabled) {
        @Override
        public String toString() {
            return "StoredUser[" + username + ", " + role + "]";
        }
    }

    /** A user as listed; {@code lockedUntil} null unless failed logins lock the name now. */
    public record UserInfo(String username, Role role, boolean enabled, Instant createdAt, Instant lockedUntil) {}

    /** The changes an admin asks for; null leaves a property as it is. */
    public record Change(String password, Role role, Boolean enabled) {
        @Override
        public String toString() {
            return "Change[role=" + role + ", enabled=" + enabled + (password == null ? "" : ", new password") + "]";
        }
    }

    private final Vertx vertx;
    private final Pool pool;

    public UserStore(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    public Future<Optional<StoredUser>> find(String username) {
        return pool.preparedQuery(FIND).execute(Tuple.of(username)).map(rows -> {
            for (Row row : rows) {
                return Optional.of(new StoredUser(
                        row.getString("username"),
                        row.getString("password_hash"),
                        Role.fromCode(row.getString("role")),
                        row.getBoolean("enabled")));
            }
            return Optional.empty();
        });
    }

    public Future<List<UserInfo>> list() {
        return pool.query(LIST).execute().map(rows -> {
            List<UserInfo> users = new ArrayList<>();
            rows.forEach(row -> users.add(info(row)));
            return users;
        });
    }

    /** Creates the user; empty when one of that name exists. The password is hashed on a worker thread. */
    public Future<Optional<UserInfo>> create(String username, String password, Role role) {
        return save(CREATE, username, password, role);
    }

    /** Creates the user unless one of that name exists. */
    public Future<Void> createIfMissing(String username, String password, Role role) {
        return save(CREATE, username, password, role).mapEmpty();
    }

    /** Creates the user, or gives an existing one this password and role (the demo's users get the password it prints). */
    public Future<Void> createOrReset(String username, String password, Role role) {
        return save(CREATE_OR_RESET, username, password, role).mapEmpty();
    }

    /** Applies an admin's change; empty when there is no such user. */
    public Future<Optional<UserInfo>> update(String username, Change change) {
        Future<String> hash = change.password() == null
                ? Future.succeededFuture(null)
                : vertx.executeBlocking(() -> Passwords.hash(change.password()));
        return hash.compose(h -> pool.preparedQuery(UPDATE)
                        .execute(Tuple.of(
                                username,
                                h,
                                change.role() == null ? null : change.role().code(),
                                change.enabled())))
                .map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(info(row));
                    }
                    return Optional.empty();
                });
    }

    private Future<Optional<UserInfo>> save(String sql, String username, String password, Role role) {
        return vertx.executeBlocking(() -> Passwords.hash(password))
                .compose(hash -> pool.preparedQuery(sql).execute(Tuple.of(username, hash, role.code())))
                .map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(info(row));
                    }
                    return Optional.empty();
                });
    }

    private static UserInfo info(Row row) {
        return new UserInfo(
                row.getString("username"),
                Role.fromCode(row.getString("role")),
                row.getBoolean("enabled"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("locked_until") == null
                        ? null
                        : row.getOffsetDateTime("locked_until").toInstant());
    }
}
