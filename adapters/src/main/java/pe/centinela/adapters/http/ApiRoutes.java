package pe.centinela.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import pe.centinela.adapters.auth.Authenticator;
import pe.centinela.core.config.PlatformConfig;

/**
 * The operations of the API contract ({@code openapi.yaml}) that one stage implements. Requests reach a handler
 * already authenticated (unless the contract says otherwise) and validated against the contract.
 */
public interface ApiRoutes {

    /** What routes may use. */
    record Context(Vertx vertx, Pool pool, PlatformConfig config, Authenticator authenticator) {}

    void mount(ApiOperations operations, Context context);

    /** Pages outside the API (the web UI's static files), mounted after the contract's operations. */
    default void mountPages(Router router) {}

    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
