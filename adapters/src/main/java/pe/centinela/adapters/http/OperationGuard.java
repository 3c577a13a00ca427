package pe.centinela.adapters.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.adapters.auth.Authenticator;
import pe.centinela.core.ratelimit.TokenBuckets;

/**
 * The handlers that stand before every operation's own, attached to the route the router matched for that operation
 * (never looked up again from the request's path): rate limit, login unless the operation says {@code security: []},
 * the roles of its {@code x-roles}, then the body (read only once the caller is known) and its validation against
 * the contract. Whatever spelling of a path reaches an operation passes the same checks; one that reaches none is the
 * router's 404. A secured operation without {@code x-roles} is refused at start-up, so no operation is open by omission.
 */
final class OperationGuard {

    private final TokenBuckets rates;
    private final Handler<RoutingContext> authentication;
    private final BodyHandler body;
    private final RequestValidator validator;
    private final PlatformHandler rateLimit = this::withinRate;

    OperationGuard(TokenBuckets rates, Authenticator authenticator, int maxBodyBytes, RequestValidator validator) {
        this.rates = rates;
        this.authentication = new Login(authenticator::authenticate);
        this.body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        this.validator = validator;
    }

    /** The handlers before an operation's own; {@code validated} false leaves the body to the operation. */
    @SuppressWarnings("UnnecessaryMethodReference") // body::handle on purpose: see below
    List<Handler<RoutingContext>> before(Operation operation, boolean validated) {
        List<Handler<RoutingContext>> chain = new ArrayList<>();
        chain.add(NOT_STORED);
        boolean open = isOpen(operation);
        if (!(open && operation.getTags().contains("operations"))) {
            chain.add(rateLimit);
        }
        if (!open) {
            List<String> roles = roles(operation);
            chain.add(authentication);
            chain.add(ctx -> authorize(ctx, operation.getOperationId(), roles));
        }
        chain.add(body::handle); // after the login, so as a plain handler: a route refuses a BodyHandler there
        chain.add(Login::resumeAndGoOn);
        chain.add(QueryValuesForContract::encodeOnceMore);
        if (validated) {
            chain.add(ctx -> validate(ctx, operation));
        }
        return chain;
    }

    /** The handlers before a page outside the contract that needs a login (any role). */
    List<Handler<RoutingContext>> loginOnly() {
        return List.of(NOT_STORED, rateLimit, authentication, Login::resumeAndGoOn);
    }

    static boolean isOpen(Operation operation) {
        return Boolean.TRUE.equals(operation.getExtensions().get(ApiContract.OPEN));
    }

    /** The roles an operation is for; a secured operation must name them. */
    static List<String> roles(Operation operation) {
        Object roles = operation.getExtensions().get("x-roles");
        List<?> list = roles instanceof JsonArray array ? array.getList() : roles instanceof List<?> l ? l : List.of();
        if (list.isEmpty()) {
            throw new IllegalStateException(
                    "operation " + operation.getOperationId() + " needs a login but its x-roles names no role");
        }
        return list.stream().map(Object::toString).toList();
    }

    private static void authorize(RoutingContext ctx, String operationId, List<String> roles) {
        String role = ctx.user().principal().getString("role");
        if (roles.contains(role)) {
            ctx.next();
        } else {
            Login.resume(ctx);
            HttpErrors.error(
                    ctx.response(),
                    403,
                    "forbidden",
                    operationId + " is for " + String.join(", ", roles) + "; you are " + role,
                    null);
        }
    }

    private void validate(RoutingContext ctx, Operation operation) {
        RequestExtractor.withBodyHandler()
                .extractValidatableRequest(ctx, operation)
                .compose(request -> validator.validate(request, operation.getOperationId()))
                .onSuccess(valid -> ctx.next())
                .onFailure(
                        e -> ctx.fail(e instanceof ValidatorException ? new HttpException(400, e.getMessage(), e) : e));
    }

    /** API answers may hold personal data: no cache keeps them. */
    private static final PlatformHandler NOT_STORED = ctx -> {
        ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
        ctx.next();
    };

    private void withinRate(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null
                ? "?"
                : ctx.request().remoteAddress().host();
        TokenBuckets.Decision decision = rates.take(client);
        if (decision.allowed()) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        HttpErrors.error(
                ctx.response(),
                429,
                "rate_limited",
                "too many requests; retry in " + decision.retryAfterSeconds() + " s",
                null);
    }
}
