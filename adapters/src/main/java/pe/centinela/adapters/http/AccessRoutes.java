package pe.centinela.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import pe.centinela.adapters.auth.Authenticator;
import pe.centinela.adapters.auth.LoginGuard;
import pe.centinela.adapters.auth.Passwords;
import pe.centinela.adapters.auth.TokenStore;
import pe.centinela.adapters.auth.TooManyLogins;
import pe.centinela.adapters.auth.UserStore;
import pe.centinela.core.domain.PersonalData;
import pe.centinela.core.domain.Role;

/**
 * Logging in and out, API tokens for scripts, and the admins' user management. A change to a user (password, role,
 * enabled) revokes all their sessions and tokens; every change is heard by every replica. Mounted by every process.
 */
final class AccessRoutes implements ApiRoutes {

    private final UserStore users;
    private final LoginGuard logins;
    private TokenStore tokens;
    private Authenticator authenticator;
    private Duration sessionLifetime;

    AccessRoutes(UserStore users, LoginGuard logins) {
        this.users = users;
        this.logins = logins;
    }

    @Override
    public void mount(ApiOperations operations, Context context) {
        tokens = new TokenStore(context.pool());
        authenticator = context.authenticator();
        sessionLifetime = context.config().http().sessionLifetime();
        operations
                .handle("createSession", this::createSession)
                .handle("endSession", this::endSession)
                .handle("whoAmI", this::whoAmI)
                .handle("listTokens", this::listTokens)
                .handle("createToken", this::createToken)
                .handle("revokeToken", this::revokeToken)
                .handle("listUsers", this::listUsers)
                .handle("createUser", this::createUser)
                .handle("updateUser", this::updateUser)
                .handle("unlockUser", this::unlockUser);
    }

    private void createSession(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String username = body.getString("username");
        authenticator
                .login(username, body.getString("password"))
                .compose(user -> tokens.create(username, "session", "browser session", sessionLifetime)
                        .map(token -> new JsonObject()
                                .put("token", token.token())
                                .put("username", username)
                                .put("role", user.principal().getString("role"))
                                .put("expires_at", token.expiresAt().toString())))
                .onSuccess(session -> HttpErrors.json(ctx.response(), 200, session))
                .onFailure(e -> {
                    if (e instanceof TooManyLogins refused) {
                        ctx.response().putHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
                        HttpErrors.error(ctx.response(), 429, "too_many_logins", refused.getMessage(), "username");
                    } else {
                        HttpErrors.error(ctx.response(), 401, "unauthorized", "wrong user name or password", null);
                    }
                });
    }

    private void endSession(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (caller.tokenId() == null) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        tokens.revoke(caller.tokenId(), caller.username(), false)
                .compose(v -> authenticator.tokenRevoked(caller.tokenId()))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void whoAmI(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        HttpErrors.json(
                ctx.response(),
                200,
                new JsonObject()
                        .put("username", caller.username())
                        .put("role", caller.role().code())
                        .put("sees_identities", PersonalData.seesIdentities(caller.role())));
    }

    private void listTokens(RoutingContext ctx) {
        tokens.list(Caller.of(ctx).username())
                .onSuccess(list -> {
                    JsonArray items = new JsonArray();
                    list.forEach(t -> items.add(new JsonObject()
                            .put("token_id", t.tokenId())
                            .put("name", t.name())
                            .put("kind", t.kind())
                            .put("created_at", text(t.createdAt()))
                            .put("expires_at", text(t.expiresAt()))
                            .put("last_used_at", text(t.lastUsedAt()))
                            .put("revoked_at", text(t.revokedAt()))));
                    HttpErrors.json(ctx.response(), 200, new JsonObject().put("tokens", items));
                })
                .onFailure(ctx::fail);
    }

    private void createToken(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String name = body.getString("name");
        int days = body.getInteger("expires_in_days", 90);
        tokens.create(Caller.of(ctx).username(), "script", name, Duration.ofDays(days))
                .onSuccess(t -> HttpErrors.json(
                        ctx.response(),
                        201,
                        new JsonObject()
                                .put("token_id", t.tokenId())
                                .put("name", name)
                                .put("kind", "script")
                                .put("expires_at", t.expiresAt().toString())
                                .put("token", t.token())))
                .onFailure(ctx::fail);
    }

    private void revokeToken(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String tokenId = ctx.pathParam("tokenId");
        tokens.revoke(tokenId, caller.username(), caller.role() == Role.ADMIN)
                .compose(revoked ->
                        revoked ? authenticator.tokenRevoked(tokenId).map(true) : Future.succeededFuture(false))
                .onSuccess(revoked -> {
                    if (revoked) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        HttpErrors.error(
                                ctx.response(), 404, "not_found", "no live token " + tokenId + " of yours", null);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void listUsers(RoutingContext ctx) {
        users.list()
                .onSuccess(list -> {
                    JsonArray items = new JsonArray();
                    list.forEach(u -> items.add(user(u)));
                    HttpErrors.json(ctx.response(), 200, new JsonObject().put("users", items));
                })
                .onFailure(ctx::fail);
    }

    private void createUser(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String username = body.getString("username");
        if (Passwords.tooLong(body.getString("password"))) {
            passwordTooLong(ctx);
            return;
        }
        users.create(username, body.getString("password"), Role.fromCode(body.getString("role")))
                .onSuccess(created -> {
                    if (created.isPresent()) {
                        HttpErrors.json(ctx.response(), 201, user(created.get()));
                    } else {
                        HttpErrors.error(
                                ctx.response(), 409, "exists", "there is already a user " + username, "username");
                    }
                })
                .onFailure(ctx::fail);
    }

    private void updateUser(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        JsonObject body = ctx.body().asJsonObject();
        String role = body.getString("role");
        Boolean enabled = body.getBoolean("enabled");
        String password = body.getString("password");
        if (password != null && Passwords.tooLong(password)) {
            passwordTooLong(ctx);
            return;
        }
        if (username.equals(Caller.of(ctx).username())
                && (Boolean.FALSE.equals(enabled) || (role != null && !role.equals("admin")))) {
            HttpErrors.error(
                    ctx.response(),
                    409,
                    "own_account",
                    "admins cannot disable or demote themselves; ask another admin",
                    null);
            return;
        }
        UserStore.Change change = new UserStore.Change(password, role == null ? null : Role.fromCode(role), enabled);
        users.update(username, change)
                .compose(updated -> updated.isPresent()
                        ? tokens.revokeAllOf(username).map(updated)
                        : Future.succeededFuture(updated))
                .compose(updated -> authenticator.userChanged(username).map(updated))
                .onSuccess(updated -> {
                    if (updated.isPresent()) {
                        HttpErrors.json(ctx.response(), 200, user(updated.get()));
                    } else {
                        HttpErrors.error(ctx.response(), 404, "not_found", "no user " + username, null);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void unlockUser(RoutingContext ctx) {
        logins.unlock(ctx.pathParam("username"))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private static void passwordTooLong(RoutingContext ctx) {
        HttpErrors.error(
                ctx.response(),
                400,
                "invalid_request",
                "a password may be at most " + Passwords.MAX_BYTES + " bytes in UTF-8 (bcrypt reads no further)",
                "password");
    }

    private static JsonObject user(UserStore.UserInfo u) {
        return new JsonObject()
                .put("username", u.username())
                .put("role", u.role().code())
                .put("enabled", u.enabled())
                .put("created_at", u.createdAt().toString())
                .put("locked_until", text(u.lockedUntil()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
