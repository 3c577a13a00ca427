package pe.centinela.adapters.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.impl.UserContextInternal;
import java.util.function.Function;

/**
 * Logs the caller in from the {@code Authorization} header, the request paused until the body handler reads it. A
 * login checked against the database completes on another thread; Vert.x's authentication handler resumed the
 * request there before going on, racing the request's own loop, which could deliver the end of the request before
 * the body handler was in place: the request was answered 500 ("BodyHandler invoked after the request has ended").
 */
final class Login implements Handler<RoutingContext> {

    private final Function<String, Future<User>> authenticate;

    Login(Function<String, Future<User>> authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            ctx.request().pause();
        }
        authenticate.apply(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)).onComplete(login -> proceed(ctx, login));
    }

    private static void proceed(RoutingContext ctx, AsyncResult<User> login) {
        if (login.succeeded()) {
            ((UserContextInternal) ctx.userContext()).setUser(login.result());
            ctx.next();
            return;
        }
        resume(ctx);
        ctx.fail(login.cause() instanceof HttpException refused ? refused : new HttpException(401, login.cause()));
    }

    /** Lets the rest of the request in: once its body is read, or when it is answered without reading it. */
    static void resume(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            ctx.request().resume();
        }
    }

    /** The step after the body handler (which resumes a request only when it has a body to read) or after the login of a page that reads none. */
    static void resumeAndGoOn(RoutingContext ctx) {
        resume(ctx);
        ctx.next();
    }
}
