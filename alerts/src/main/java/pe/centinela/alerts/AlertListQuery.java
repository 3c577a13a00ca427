package pe.centinela.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of the alert list as SQL with bound parameters: the filters the API offers, a sort column from a fixed
 * set, and keyset pagination by an opaque cursor holding the last row's sort value and id.
 */
record AlertListQuery(String sql, Tuple parameters) {

    /** The list's parameters, already validated against the contract. */
    record Filters(
            String status,
            Double minScore,
            Double maxScore,
            OffsetDateTime from,
            OffsetDateTime to,
            String account,
            String merchant,
            String mcc,
            String channel,
            String modelVersion,
            String assignee,
            String sort,
            boolean ascending,
            int limit,
            String cursor) {}

    private static final Map<String, String> SORT_TYPES =
            Map.of("created_at", "timestamptz", "tx_time", "timestamptz", "score", "float8", "amount", "numeric");

    static final class InvalidCursor extends RuntimeException {
        InvalidCursor() {
            super("cursor is not one this server gave out for this sort; start again without it");
        }
    }

    static AlertListQuery of(Filters f) {
        List<String> where = new ArrayList<>();
        Tuple parameters = Tuple.tuple();
        condition(where, parameters, "status = $%d", f.status());
        condition(where, parameters, "score >= $%d", f.minScore());
        condition(where, parameters, "score <= $%d", f.maxScore());
        condition(where, parameters, "created_at >= $%d", f.from());
        condition(where, parameters, "created_at < $%d", f.to());
        condition(where, parameters, "account_id = $%d", f.account());
        condition(where, parameters, "merchant_id = $%d", f.merchant());
        condition(where, parameters, "mcc = $%d", f.mcc());
        condition(where, parameters, "channel = $%d", f.channel());
        condition(where, parameters, "model_version = $%d", f.modelVersion());
        condition(where, parameters, "assignee = $%d", f.assignee());
        String column = SORT_TYPES.containsKey(f.sort()) ? f.sort() : "created_at";
        String direction = f.ascending() ? "ASC" : "DESC";
        if (f.cursor() != null) {
            String[] position = decodeCursor(f.cursor(), column);
            parameters.addString(position[0]).addString(position[1]);
            int n = parameters.size();
            where.add(String.format(
                    "(%s, alert_id) %s ($%d::text::%s, $%d)",
                    column, f.ascending() ? ">" : "<", n - 1, SORT_TYPES.get(column), n));
        }
        parameters.addInteger(f.limit() + 1);
        String sql = AlertQueries.LIST_COLUMNS
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY " + column + " " + direction + ", alert_id " + direction
                + " LIMIT $" + parameters.size();
        return new AlertListQuery(sql, parameters);
    }

    /** The cursor after a page's last row. */
    static String cursorAfter(String sort, String sortValue, String alertId) {
        String json = new JsonArray().add(sort).add(sortValue).add(alertId).encode();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void condition(List<String> where, Tuple parameters, String template, Object value) {
        if (value != null) {
            parameters.addValue(value);
            where.add(String.format(template, parameters.size()));
        }
    }

    private static String[] decodeCursor(String cursor, String column) {
        Optional<JsonArray> decoded;
        try {
            decoded = Optional.of(
                    new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            decoded = Optional.empty();
        }
        JsonArray position = decoded.filter(a -> a.size() == 3
                        && column.equals(a.getValue(0))
                        && a.getValue(1) instanceof String
                        && a.getValue(2) instanceof String)
                .orElseThrow(InvalidCursor::new);
        return new String[] {position.getString(1), position.getString(2)};
    }
}
