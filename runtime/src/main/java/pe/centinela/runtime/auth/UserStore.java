package pe.centinela.runtime.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import pe.centinela.core.model.Role;

/** Users of the API in PostgreSQL. */
public final class UserStore {

    private static final String FIND = "SELECT username, password_hash, role FROM users WHERE username = $1";
    private static final String CREATE_IF_MISSING = "INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING";
    private static final String CREATE_OR_RESET = """
            INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3)
            ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role""";

    /** A stored user. */
    public record StoredUser(String username, String passwordHash, Role role) {
        @Override
        public String toString() {
            return "StoredUser[" + username + ", " + role + "]";
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
                return Optional.of(new StoredUser(row.getString("username"), row.getString("password_hash"), Role.fromCode(row.getString("role"))));
            }
            return Optional.empty();
        });
    }

    /** Creates the user unless one of that name exists; the password is hashed on a worker thread. */
    public Future<Void> createIfMissing(String username, String password, Role role) {
        return save(CREATE_IF_MISSING, username, password, role);
    }

    /** Creates the user, or gives an existing one this password and role (the demo's users get the password it prints). */
    public Future<Void> createOrReset(String username, String password, Role role) {
        return save(CREATE_OR_RESET, username, password, role);
    }

    private Future<Void> save(String sql, String username, String password, Role role) {
        return vertx.executeBlocking(() -> Passwords.hash(password))
                .compose(hash -> pool.preparedQuery(sql).execute(Tuple.of(username, hash, role.code())))
                .mapEmpty();
    }
}
