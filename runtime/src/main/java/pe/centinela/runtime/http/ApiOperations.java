package pe.centinela.runtime.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.LinkedHashSet;
import java.util.Set;

/** Binds handlers to the contract's operations by their {@code operationId}. */
public final class ApiOperations {

    private final RouterBuilder builder;
    private final Set<String> bound = new LinkedHashSet<>();

    ApiOperations(RouterBuilder builder) {
        this.builder = builder;
    }

    /** Handles an operation; fails at start-up when the contract has no such operation or it is bound twice. */
    public ApiOperations handle(String operationId, Handler<RoutingContext> handler) {
        route(operationId).addHandler(handler);
        if (!bound.add(operationId)) {
            throw new IllegalStateException("operation " + operationId + " is bound twice");
        }
        return this;
    }

    /** Handles an operation whose body the handler checks itself (every record of an ingest batch is kept, valid or not). */
    public ApiOperations handleUnvalidatedBody(String operationId, Handler<RoutingContext> handler) {
        route(operationId).setDoValidation(false);
        return handle(operationId, handler);
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
