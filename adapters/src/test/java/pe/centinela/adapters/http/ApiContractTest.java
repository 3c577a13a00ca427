package pe.centinela.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Role;

class ApiContractTest {

    private final JsonObject contract = ApiContract.json();

    private List<JsonObject> operations() {
        List<JsonObject> operations = new ArrayList<>();
        JsonObject paths = contract.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            item.fieldNames()
                    .forEach(method ->
                            operations.add(item.getJsonObject(method).copy().put("path", path)));
        }
        return operations;
    }

    @Test
    void everyOperationHasAUniqueIdATagAndASummary() {
        Set<String> ids = new HashSet<>();
        for (JsonObject operation : operations()) {
            assertThat(ids.add(operation.getString("operationId")))
                    .as(operation.getString("path"))
                    .isTrue();
            assertThat(operation.getJsonArray("tags"))
                    .as(operation.getString("operationId"))
                    .isNotEmpty();
            assertThat(operation.getString("summary"))
                    .as(operation.getString("operationId"))
                    .isNotBlank();
        }
    }

    @Test
    void rolesNamedByOperationsExist() {
        Set<String> roles =
                new HashSet<>(Arrays.stream(Role.values()).map(Role::code).toList());
        for (JsonObject operation : operations()) {
            JsonArray listed = operation.getJsonArray("x-roles");
            if (listed != null) {
                assertThat(roles)
                        .as(operation.getString("operationId"))
                        .containsAll(listed.stream().map(Object::toString).toList());
            }
        }
    }

    @Test
    void onlyHealthReadinessAndLoggingInAreOpenAndEveryOtherOperationDeclaresItsRefusal() {
        List<String> open = new ArrayList<>();
        for (JsonObject operation : operations()) {
            JsonArray security = operation.getJsonArray("security");
            if (security != null && security.isEmpty()) {
                open.add(operation.getString("operationId"));
            } else {
                assertThat(operation.getJsonObject("responses").fieldNames())
                        .as(operation.getString("operationId"))
                        .contains("401");
            }
        }
        assertThat(open).containsExactlyInAnyOrder("health", "ready", "createSession");
    }

    @Test
    void theRouterAcceptsTheContract() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract routing = ApiContract.forRouting(vertx).await(30, TimeUnit.SECONDS);
            assertThat(routing.operations()).hasSize(operations().size());
            assertThat(OperationGuard.isOpen(routing.operation("health"))).isTrue();
            assertThat(OperationGuard.isOpen(routing.operation("listAlerts"))).isFalse();
            assertThat(List.copyOf(OperationGuard.roles(routing.operation("listUsers"))))
                    .isEqualTo(List.of("admin"));
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }
}
