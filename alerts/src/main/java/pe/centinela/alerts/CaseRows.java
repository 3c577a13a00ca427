package pe.centinela.alerts;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.domain.PersonalData;
import pe.centinela.core.domain.Role;

/** Cases as the API shows them, and the list query with its filters. */
final class CaseRows {

    private CaseRows() {}

    static JsonObject toJson(Row row, Role role) {
        String account = row.getString("account_id");
        return new JsonObject()
                .put("case_id", row.getString("case_id"))
                .put("account_id", PersonalData.seesIdentities(role) ? account : PersonalData.mask(account))
                .put("status", row.getString("status"))
                .put("owner", row.getString("owner"))
                .put("priority", row.getInteger("priority"))
                .put("band", row.getString("band"))
                .put("due_at", instant(row.getOffsetDateTime("due_at")))
                .put("alerts", row.getLong("alerts"))
                .put("undecided_alerts", row.getLong("undecided"))
                .put("max_score", row.getDouble("max_score"))
                .put("amount_at_risk", row.getString("amount_at_risk"))
                .put("first_tx_time", instant(row.getOffsetDateTime("first_tx_time")))
                .put("last_tx_time", instant(row.getOffsetDateTime("last_tx_time")))
                .put("last_alert_at", instant(row.getOffsetDateTime("last_alert_at")))
                .put("opened_at", instant(row.getOffsetDateTime("opened_at")))
                .put("updated_at", instant(row.getOffsetDateTime("updated_at")))
                .put("closed_at", instant(row.getOffsetDateTime("closed_at")));
    }

    /** An account that joined the case through a shared device, beneficiary or IP, masked for analysts. */
    static JsonObject linkToJson(Row row, Role role) {
        boolean whole = PersonalData.seesIdentities(role);
        return new JsonObject()
                .put("account_id", whole ? row.getString("account_id") : PersonalData.mask(row.getString("account_id")))
                .put("via", row.getString("via"))
                .put("value", whole ? row.getString("value") : PersonalData.mask(row.getString("value")))
                .put(
                        "linked_account",
                        whole ? row.getString("linked_account") : PersonalData.mask(row.getString("linked_account")))
                .put("at", instant(row.getOffsetDateTime("at")));
    }

    /** The filters of {@code GET /api/cases}, already checked against the contract. */
    record Filters(
            String status,
            String owner,
            String band,
            String account,
            String queue,
            boolean overdue,
            String sort,
            int limit,
            int offset) {}

    /** The list's statement and its parameters, every value bound. */
    record ListQuery(String sql, Tuple parameters) {}

    static ListQuery list(Filters filters, String caller) {
        List<String> where = new ArrayList<>();
        Tuple parameters = Tuple.tuple();
        if (filters.status() == null || filters.status().equals("active")) {
            where.add("status IN ('open', 'investigating', 'escalated')");
        } else if (filters.status().equals("closed")) {
            where.add("status IN ('closed_fraud', 'closed_not_fraud')");
        } else {
            parameters.addString(filters.status());
            where.add("status = $" + parameters.size());
        }
        if ("none".equals(filters.owner())) {
            where.add("owner IS NULL");
        } else if (filters.owner() != null) {
            parameters.addString(filters.owner().equals("me") ? caller : filters.owner());
            where.add("owner = $" + parameters.size());
        }
        if (filters.band() != null) {
            parameters.addString(filters.band());
            where.add("band = $" + parameters.size());
        }
        if (filters.account() != null) {
            parameters.addString(filters.account());
            where.add("(account_id = $%1$d OR case_id IN (SELECT case_id FROM case_links WHERE account_id = $%1$d))"
                    .formatted(parameters.size()));
        }
        if (filters.queue() != null) {
            parameters.addString(filters.queue());
            where.add("EXISTS (SELECT 1 FROM case_queues q WHERE q.name = $%d AND %s)"
                    .formatted(parameters.size(), QueueQueries.MATCHES));
        }
        if (filters.overdue()) {
            where.add("due_at < now()");
        }
        String order = switch (filters.sort() == null ? "priority" : filters.sort()) {
            case "opened_at" -> "opened_at DESC, case_id DESC";
            case "closed_at" -> "closed_at DESC NULLS LAST, case_id DESC";
            case "due_at" -> "due_at, case_id";
            default -> "priority DESC, opened_at, case_id";
        };
        parameters.addInteger(filters.limit()).addInteger(filters.offset());
        String sql = CaseQueries.SUMMARY_COLUMNS + " WHERE " + String.join(" AND ", where) + " ORDER BY " + order
                + " LIMIT $" + (parameters.size() - 1) + " OFFSET $" + parameters.size();
        return new ListQuery(sql, parameters);
    }

    private static String instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
