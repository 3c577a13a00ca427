package pe.centinela.adapters.http;

import io.vertx.ext.web.RoutingContext;
import pe.centinela.core.domain.Role;

/** Who is calling: the logged-in user of a request. */
public record Caller(String username, Role role, String tokenId) {

    public static Caller of(RoutingContext ctx) {
        var principal = ctx.user().principal();
        return new Caller(
                principal.getString("username"),
                Role.fromCode(principal.getString("role")),
                principal.getString("token_id"));
    }
}
