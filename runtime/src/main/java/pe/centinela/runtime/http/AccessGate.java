package pe.centinela.runtime.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.List;
import pe.centinela.core.access.TokenBuckets;
import pe.centinela.runtime.auth.Authenticator;

/**
 * The first handlers of every request, driven by the contract: limit each client's rate, require a login unless
 * the operation says {@code security: []}, then refuse roles the operation's {@code x-roles} does not list.
 * Outside the contract, the contract document itself needs a login; the web UI's static files (no data) do not.
 */
final class AccessGate {

    private static final String OPERATION = "centinela.operation";

    private final OpenAPIContract contract;
    private final TokenBuckets rates;
    private final Handler<RoutingContext> authentication;

    AccessGate(OpenAPIContract contract, TokenBuckets rates, Authenticator authenticator) {
        this.contract = contract;
        this.rates = rates;
        this.authentication = SimpleAuthenticationHandler.create()
                .authenticate(ctx -> authenticator.authenticate(ctx.request().getHeader("Authorization")));
    }

    /** Rate limit and login. */
    Handler<RoutingContext> authenticate() {
        return ctx -> {
            Operation operation = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
            boolean open = operation == null ? !loginNeededOutsideContract(ctx.normalizedPath()) : isOpen(operation);
            if (open && operation != null && operation.getTags().contains("operations")) {
                ctx.next();
                return;
            }
            if (!withinRate(ctx)) {
                return;
            }
            if (open) {
                ctx.next();
                return;
            }
            ctx.put(OPERATION, operation);
            authentication.handle(ctx);
        };
    }

    /** The operation's roles, once logged in. */
    Handler<RoutingContext> authorize() {
        return ctx -> {
            Operation operation = ctx.get(OPERATION);
            List<?> roles = operation == null ? null : roles(operation);
            if (roles == null || ctx.user() == null) {
                ctx.next();
                return;
            }
            String role = ctx.user().principal().getString("role");
            if (roles.contains(role)) {
                ctx.next();
            } else {
                HttpErrors.error(ctx.response(), 403, "forbidden", operation.getOperationId() + " is for " + String.join(", ",
                        roles.stream().map(Object::toString).toList()) + "; you are " + role, null);
            }
        };
    }

    static boolean isOpen(Operation operation) {
        return Boolean.TRUE.equals(operation.getExtensions().get(ApiContract.OPEN));
    }

    static List<?> roles(Operation operation) {
        Object roles = operation.getExtensions().get("x-roles");
        return roles instanceof JsonArray array ? array.getList() : roles instanceof List<?> list ? list : null;
    }

    private static boolean loginNeededOutsideContract(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.equals("/openapi.yaml");
    }

    private boolean withinRate(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host();
        TokenBuckets.Decision decision = rates.take(client);
        if (decision.allowed()) {
            return true;
        }
        ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        HttpErrors.error(ctx.response(), 429, "rate_limited", "too many requests; retry in " + decision.retryAfterSeconds() + " s", null);
        return false;
    }
}
