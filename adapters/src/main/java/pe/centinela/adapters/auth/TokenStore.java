package pe.centinela.adapters.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import pe.centinela.core.domain.Role;

/**
 * Bearer tokens in PostgreSQL: {@code cnt_<id>_<secret>}, of which only the id and a SHA-256 of the secret are
 * stored. Browser sessions and scripts' tokens differ only in name and lifetime.
 */
public final class TokenStore {

    public static final String PREFIX = "cnt_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private static final String INSERT = """
            INSERT INTO api_tokens (token_id, username, kind, name, secret_sha256, expires_at) VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String FIND = """
            SELECT t.username, t.secret_sha256, t.expires_at, t.revoked_at, u.role, u.enabled
            FROM api_tokens t JOIN users u ON u.username = t.username WHERE t.token_id = $1""";
    private static final String TOUCH = "UPDATE api_tokens SET last_used_at = now() WHERE token_id = $1";
    private static final String LIST = """
            SELECT token_id, name, kind, created_at, expires_at, last_used_at, revoked_at FROM api_tokens
            WHERE username = $1 AND kind = 'script' ORDER BY created_at DESC""";
    private static final String REVOKE = """
            UPDATE api_tokens SET revoked_at = now() WHERE token_id = $1 AND ($2 OR username = $3) AND revoked_at IS NULL""";
    private static final String REVOKE_ALL_OF =
            "UPDATE api_tokens SET revoked_at = now() WHERE username = $1 AND revoked_at IS NULL";

    /** A token as listed: never its secret. */
    public record TokenInfo(
            String tokenId,
            String name,
            String kind,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant revokedAt) {}

    /** A token just created: the secret is known only now. */
    public record NewToken(String token, String tokenId, Instant expiresAt) {
        @Override
        public String toString() {
            return "NewToken[" + tokenId + ", expires " + expiresAt + "]";
        }
    }

    /** Whose a valid token is. */
    public record Holder(String username, Role role) {}

    private final Pool pool;

    public TokenStore(Pool pool) {
        this.pool = pool;
    }

    public Future<NewToken> create(String username, String kind, String name, Duration lifetime) {
        String id = randomId();
        String secret = randomSecret();
        Instant expires = Instant.now().plus(lifetime);
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(
                        id, username, kind, name, sha256(secret), OffsetDateTime.ofInstant(expires, ZoneOffset.UTC)))
                .map(rows -> new NewToken(PREFIX + id + "_" + secret, id, expires));
    }

    /** The holder of a token that exists, has not expired, is not revoked and whose user may log in. */
    public Future<Optional<Holder>> verify(String token) {
        Optional<String[]> parts = split(token);
        if (parts.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        String id = parts.get()[0];
        byte[] presented = sha256(parts.get()[1]).getBytes(StandardCharsets.US_ASCII);
        return pool.preparedQuery(FIND).execute(Tuple.of(id)).compose(rows -> {
            for (Row row : rows) {
                boolean valid = MessageDigest.isEqual(
                                presented, row.getString("secret_sha256").getBytes(StandardCharsets.US_ASCII))
                        && row.getValue("revoked_at") == null
                        && row.getOffsetDateTime("expires_at").toInstant().isAfter(Instant.now())
                        && row.getBoolean("enabled");
                if (valid) {
                    Holder holder = new Holder(row.getString("username"), Role.fromCode(row.getString("role")));
                    return pool.preparedQuery(TOUCH).execute(Tuple.of(id)).map(v -> Optional.of(holder));
                }
            }
            return Future.succeededFuture(Optional.<Holder>empty());
        });
    }

    public Future<List<TokenInfo>> list(String username) {
        return pool.preparedQuery(LIST).execute(Tuple.of(username)).map(rows -> {
            List<TokenInfo> tokens = new ArrayList<>();
            for (Row r : rows) {
                tokens.add(new TokenInfo(
                        r.getString("token_id"),
                        r.getString("name"),
                        r.getString("kind"),
                        instant(r, "created_at"),
                        instant(r, "expires_at"),
                        instant(r, "last_used_at"),
                        instant(r, "revoked_at")));
            }
            return tokens;
        });
    }

    /** Revokes a token of {@code username}, or anyone's when {@code anyone}; false when there was no such live token. */
    public Future<Boolean> revoke(String tokenId, String username, boolean anyone) {
        return pool.preparedQuery(REVOKE)
                .execute(Tuple.of(tokenId, anyone, username))
                .map(rows -> rows.rowCount() == 1);
    }

    public Future<Void> revokeAllOf(String username) {
        return pool.preparedQuery(REVOKE_ALL_OF).execute(Tuple.of(username)).mapEmpty();
    }

    /** The token id, when the text has the shape of a token. */
    public static Optional<String> idOf(String token) {
        return split(token).map(p -> p[0]);
    }

    private static Optional<String[]> split(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = token.indexOf('_', PREFIX.length());
        if (separator < 0 || separator == token.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {token.substring(PREFIX.length(), separator), token.substring(separator + 1)});
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static String randomId() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
