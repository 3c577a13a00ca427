package pe.centinela.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A login that completes off the request's event loop, as one checked against the database does: the handlers after
 * it still read the whole request, over HTTP/1.1 and HTTP/2, with a body or none.
 */
class LoginTest {

    private static final int ROUNDS = 15;

    private Vertx vertx;
    private Vertx database;
    private HttpServer server;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        database = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        database.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aLoginCompletedOnAnotherLoopLeavesTheRequestWholeForTheBodyHandler() throws Exception {
        Context otherLoop = database.getOrCreateContext();
        serve(authorization -> otherLoop.executeBlocking(() -> checked(authorization)));
        everyKindOfRequestIsReadWhole();
    }

    @Test
    void aLoginCompletedOnAPlainThreadLeavesTheRequestWholeForTheBodyHandler() throws Exception {
        serve(authorization -> {
            Promise<User> login = Promise.promise();
            new Thread(() -> {
                        try {
                            login.complete(checked(authorization));
                        } catch (Exception e) {
                            login.fail(e);
                        }
                    })
                    .start();
            return login.future();
        });
        everyKindOfRequestIsReadWhole();
    }

    @Test
    void aRefusedLoginIsA401AndTheConnectionServesTheNextRequest() throws Exception {
        Context otherLoop = database.getOrCreateContext();
        serve(authorization -> otherLoop.executeBlocking(() -> checked(authorization)));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 3; i++) {
            assertThat(http.send(
                                    request("POST", "a body nobody reads", "Basic bad"),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> next =
                http.send(request("POST", "leída", "Basic good"), HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(next.body()).getString("body")).isEqualTo("leída");
    }

    private static User checked(String authorization) throws InterruptedException {
        Thread.sleep(5); // a password hash takes a while; the request's end arrives meanwhile
        if (!"Basic good".equals(authorization)) {
            throw new IllegalArgumentException("wrong login");
        }
        return User.fromName("ana");
    }

    // BodyHandler::handle on purpose: passed as itself, Vert.x would move it before the login, which is what this tests
    @SuppressWarnings("UnnecessaryMethodReference")
    private void serve(Function<String, Future<User>> authenticate) throws Exception {
        Router router = Router.router(vertx);
        router.route("/echo")
                .handler(new Login(authenticate))
                .handler(BodyHandler.create(false)::handle) // after the login, so as a plain handler, as OperationGuard
                .handler(Login::resumeAndGoOn)
                .handler(ctx -> ctx.json(new JsonObject()
                        .put("user", ctx.user().subject())
                        .put("body", Objects.toString(ctx.body().asString(), ""))));
        router.route()
                .failureHandler(ctx -> ctx.response()
                        .setStatusCode(ctx.statusCode() > 0 ? ctx.statusCode() : 500)
                        .end(String.valueOf(ctx.failure())));
        server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
    }

    private void everyKindOfRequestIsReadWhole() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            for (HttpClient.Version version : HttpClient.Version.values()) {
                for (String body : new String[] {null, "", "hola"}) {
                    HttpClient http = HttpClient.newBuilder().version(version).build();
                    HttpResponse<String> answer = http.send(
                            request(body == null ? "GET" : "POST", body, "Basic good"),
                            HttpResponse.BodyHandlers.ofString());
                    String what = version + " " + (body == null ? "GET" : "POST '" + body + "'");
                    assertThat(answer.statusCode())
                            .as(what + ": " + answer.body())
                            .isEqualTo(200);
                    JsonObject echoed = new JsonObject(answer.body());
                    assertThat(echoed.getString("user")).isEqualTo("ana");
                    assertThat(echoed.getString("body")).as(what).isEqualTo(body == null ? "" : body);
                }
            }
        }
    }

    private HttpRequest request(String method, String body, String authorization) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/echo"))
                .header("Authorization", authorization)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
