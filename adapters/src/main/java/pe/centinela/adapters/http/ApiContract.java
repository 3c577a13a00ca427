package pe.centinela.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The platform's API contract, {@code openapi.yaml} on the classpath: served as is and used to build the router. */
public final class ApiContract {

    public static final String RESOURCE = "openapi.yaml";
    static final String OPEN = "x-open";

    private ApiContract() {}

    public static String yaml() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static JsonObject json() {
        Map<String, Object> document =
                (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml());
        return new JsonObject(new JsonObject(document).encode());
    }

    /**
     * The contract as the router uses it to validate requests: each operation's security requirements replaced by
     * the extension {@value #OPEN} (true when it needs no login), because logging in is done before routing by the
     * access gate; and its responses left out, because they are not validated (the router's parser also refuses
     * response types such as {@code text/event-stream} and {@code text/csv}).
     */
    public static Future<OpenAPIContract> forRouting(Vertx vertx) {
        JsonObject document = json();
        boolean securedByDefault = document.containsKey("security")
                && !document.getJsonArray("security").isEmpty();
        document.remove("security");
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (item.getValue(method) instanceof JsonObject operation && operation.containsKey("operationId")) {
                    Object own = operation.remove("security");
                    boolean secured = own instanceof JsonArray list ? !list.isEmpty() : securedByDefault;
                    operation.put(OPEN, !secured);
                    operation.put(
                            "responses",
                            new JsonObject().put("default", new JsonObject().put("description", "see " + RESOURCE)));
                }
            }
        }
        return OpenAPIContract.from(vertx, document);
    }
}
