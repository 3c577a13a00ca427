package pe.centinela.adapters.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Binds handlers to the contract's operations by their {@code operationId}, each behind its operation's
 * {@link OperationGuard} checks on the route the router matches for it.
 */
public final class ApiOperations {

    private final RouterBuilder builder;
    private final OperationGuard guard;
    private final Set<String> bound = new LinkedHashSet<>();

    ApiOperations(RouterBuilder builder, OperationGuard guard) {
        this.builder = builder;
        this.guard = guard;
    }

    /** Handles an operation; fails at start-up when the contract has no such operation or it is bound twice. */
    public ApiOperations handle(String operationId, Handler<RoutingContext> handler) {
        return bind(operationId, handler, true);
    }

    /** Handles an operation whose body the handler checks itself (every record of an ingest batch is kept, valid or not). */
    public ApiOperations handleUnvalidatedBody(String operationId, Handler<RoutingContext> handler) {
        return bind(operationId, handler, false);
    }

    private ApiOperations bind(String operationId, Handler<RoutingContext> handler, boolean validated) {
        if (!bound.add(operationId)) {
            throw new IllegalStateException("operation " + operationId + " is bound twice");
        }
        OpenAPIRoute route = route(operationId);
        route.setDoValidation(false);
        guard.before(route.getOperation(), validated).forEach(route::addHandler);
        route.addHandler(handler);
        return this;
    }

    Set<String> bound() {
        return bound;
    }

    private OpenAPIRoute route(String operationId) {
        OpenAPIRoute route = builder.getRoute(operationId);
        if (route == null) {
            throw new IllegalStateException("the API contract has no operation " + operationId);
        }
        return route;
    }
}
