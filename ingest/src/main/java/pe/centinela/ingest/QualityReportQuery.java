package pe.centinela.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The data-quality report over the last hours: totals, rejections by reason, flags, by source and by hour. */
final class QualityReportQuery {

    static final String SQL = """
            SELECT hour, source, outcome, sum(count) AS count FROM dq_counts
            WHERE hour >= date_trunc('hour', now()) - make_interval(hours => $1)
            GROUP BY hour, source, outcome ORDER BY hour, source, outcome""";

    private QualityReportQuery() {}

    static JsonObject toJson(List<Row> rows) {
        long accepted = 0;
        long rejected = 0;
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> byFlag = new TreeMap<>();
        Map<String, long[]> bySource = new TreeMap<>();
        Map<String, long[]> byHour = new TreeMap<>();
        for (Row row : rows) {
            String outcome = row.getString("outcome");
            long n = row.getLong("count");
            String hour = row.getOffsetDateTime("hour").toInstant().toString();
            String source = row.getString("source");
            if (outcome.equals("accepted")) {
                accepted += n;
                bySource.computeIfAbsent(source, k -> new long[2])[0] += n;
                byHour.computeIfAbsent(hour, k -> new long[2])[0] += n;
            } else if (outcome.equals("rejected")) {
                rejected += n;
                bySource.computeIfAbsent(source, k -> new long[2])[1] += n;
                byHour.computeIfAbsent(hour, k -> new long[2])[1] += n;
            } else if (outcome.startsWith("rejected:")) {
                byReason.merge(outcome.substring("rejected:".length()), n, Long::sum);
            } else if (outcome.startsWith("flag:")) {
                byFlag.merge(outcome.substring("flag:".length()), n, Long::sum);
            }
        }
        JsonObject sources = new JsonObject();
        bySource.forEach(
                (k, v) -> sources.put(k, new JsonObject().put("accepted", v[0]).put("rejected", v[1])));
        JsonArray hours = new JsonArray();
        byHour.forEach((k, v) ->
                hours.add(new JsonObject().put("hour", k).put("accepted", v[0]).put("rejected", v[1])));
        return new JsonObject()
                .put("accepted", accepted)
                .put("rejected", rejected)
                .put("rejected_by_reason", counts(byReason))
                .put("flags", counts(byFlag))
                .put("by_source", sources)
                .put("by_hour", hours);
    }

    private static JsonObject counts(Map<String, Long> counts) {
        JsonObject json = new JsonObject();
        counts.forEach(json::put);
        return json;
    }
}
