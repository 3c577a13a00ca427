package pe.centinela.runtime.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import pe.centinela.core.config.PlatformConfig;

/** The endpoints one stage adds to its process's HTTP server; everything under /api/ requires a login. */
public interface ApiRoutes {

    /** What routes may use. */
    record Context(Vertx vertx, Pool pool, PlatformConfig config) {
    }

    void mount(Router router, Context context);

    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
