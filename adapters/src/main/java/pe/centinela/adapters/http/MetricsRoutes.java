package pe.centinela.adapters.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;

/** The contract's {@code metrics} operation: the process's meters in the Prometheus text format 0.0.4, behind the login. */
public final class MetricsRoutes implements ApiRoutes {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void mount(ApiOperations operations, Context context) {
        operations.handle("metrics", this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        ctx.vertx()
                .executeBlocking(registry::scrape, false)
                .onSuccess(text ->
                        ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(text))
                .onFailure(ctx::fail);
    }
}
