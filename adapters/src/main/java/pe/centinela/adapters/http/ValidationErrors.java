package pe.centinela.adapters.http;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the contract validator's findings into the API's error: which field, and what is wrong with it. */
final class ValidationErrors {

    private static final Pattern PARAMETER = Pattern.compile("(query|path|header|cookie) parameter ([A-Za-z0-9_\\-]+)");
    private static final Pattern PROPERTY = Pattern.compile("[Pp]roperty \"([^\"]+)\"");

    /** A field (dotted path, or a parameter's name) and a message a user can act on. */
    record Finding(String field, String message) {}

    private ValidationErrors() {}

    static Finding of(ValidatorException e) {
        Matcher parameter = PARAMETER.matcher(e.getMessage() == null ? "" : e.getMessage());
        String reason = e instanceof SchemaValidationException s && s.getOutputUnit() != null
                ? reason(s.getOutputUnit())
                : null;
        if (parameter.find()) {
            String name = parameter.group(2);
            String message = parameter.group(1) + " parameter " + name
                    + (reason == null ? " is missing or malformed" : ": " + reason);
            return new Finding(name, message);
        }
        if (e instanceof SchemaValidationException s && s.getOutputUnit() != null) {
            OutputUnit deepest = deepest(s.getOutputUnit());
            String field = field(deepest);
            return new Finding(field, (field == null ? "request body" : field) + ": " + reason);
        }
        return new Finding(null, e.getMessage());
    }

    private static String reason(OutputUnit unit) {
        OutputUnit deepest = deepest(unit);
        return deepest.getError() == null ? "invalid value" : deepest.getError();
    }

    /** The most specific finding: the deepest in the document, and a value's own rule before its container's. */
    private static OutputUnit deepest(OutputUnit unit) {
        List<OutputUnit> all = new ArrayList<>();
        collect(unit, all);
        OutputUnit best = unit;
        for (OutputUnit u : all) {
            if (u.getError() != null && rank(u) >= rank(best)) {
                best = u;
            }
        }
        return best;
    }

    private static int rank(OutputUnit u) {
        String keyword = u.getKeywordLocation() == null ? "" : u.getKeywordLocation();
        boolean container = keyword.endsWith("additionalProperties")
                || keyword.endsWith("properties")
                || keyword.endsWith("$ref")
                || keyword.endsWith("allOf")
                || keyword.endsWith("oneOf")
                || keyword.endsWith("anyOf");
        return depth(u) * 2 + (container ? 0 : 1);
    }

    private static void collect(OutputUnit unit, List<OutputUnit> into) {
        into.add(unit);
        if (unit.getErrors() != null) {
            unit.getErrors().forEach(u -> collect(u, into));
        }
    }

    private static int depth(OutputUnit u) {
        String location = u.getInstanceLocation();
        return location == null ? -1 : location.split("/").length;
    }

    private static String field(OutputUnit unit) {
        String location = unit.getInstanceLocation() == null
                ? ""
                : unit.getInstanceLocation().replaceFirst("^#?/?", "");
        Matcher property = PROPERTY.matcher(unit.getError() == null ? "" : unit.getError());
        String path = location.replace('/', '.');
        if (property.find() && !path.equals(property.group(1)) && !path.endsWith("." + property.group(1))) {
            path = path.isEmpty() ? property.group(1) : path + "." + property.group(1);
        }
        return path.isEmpty() ? null : path;
    }
}
