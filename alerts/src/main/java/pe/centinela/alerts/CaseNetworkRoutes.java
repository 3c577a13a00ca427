package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;
import pe.centinela.core.cases.NetworkGraph;
import pe.centinela.core.cases.NetworkGraph.Kind;
import pe.centinela.core.cases.NetworkGraph.Link;
import pe.centinela.core.domain.PersonalData;

/**
 * {@code GET /api/cases/{id}/network}: the accounts, devices, IPs and merchants linked to a case's accounts in the
 * stored history of the last N days, to depth 2 and at most {@link #MAX_NODES} nodes, each account marked with its
 * confirmed frauds, alerts and latest case, and any node a block list holds. Analysts see identities masked.
 */
public final class CaseNetworkRoutes implements ApiRoutes {

    static final int MAX_NODES = 150;
    private static final int MAX_SECOND_RING_ROWS = 600;

    private Pool pool;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        operations.handle("caseNetwork", this::network);
    }

    private void network(RoutingContext ctx) {
        String caseId = ctx.pathParam("caseId");
        int days = QueryParams.integer(ctx, "days", 30);
        int depth = QueryParams.integer(ctx, "depth", 2);
        boolean identities = PersonalData.seesIdentities(Caller.of(ctx).role());
        pool.preparedQuery(CaseQueries.NETWORK_WINDOW)
                .execute(Tuple.of(caseId, days))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture((JsonObject) null);
                    }
                    Row window = rows.iterator().next();
                    List<String> accounts = new ArrayList<>();
                    accounts.add(window.getString("account_id"));
                    accounts.addAll(List.of(window.getArrayOfStrings("linked")));
                    return build(
                                    accounts,
                                    window.getOffsetDateTime("window_from"),
                                    window.getOffsetDateTime("window_to"),
                                    depth)
                            .compose(graph -> marks(graph)
                                    .map(marks -> toJson(graph, marks, identities)
                                            .put("case_id", caseId)
                                            .put("days", days)
                                            .put("depth", depth)
                                            .put(
                                                    "from",
                                                    window.getOffsetDateTime("window_from")
                                                            .toInstant()
                                                            .toString())
                                            .put(
                                                    "to",
                                                    window.getOffsetDateTime("window_to")
                                                            .toInstant()
                                                            .toString())));
                })
                .onSuccess(found -> {
                    if (found == null) {
                        HttpErrors.error(ctx.response(), 404, "not_found", "no case " + caseId, null);
                    } else {
                        HttpErrors.json(ctx.response(), 200, found);
                    }
                })
                .onFailure(ctx::fail);
    }

    private Future<NetworkGraph> build(List<String> roots, OffsetDateTime from, OffsetDateTime to, int depth) {
        NetworkGraph graph = new NetworkGraph(roots, MAX_NODES);
        return pool.preparedQuery(CaseQueries.NETWORK_FIRST_RING)
                .execute(Tuple.of(roots.toArray(String[]::new), from, to))
                .compose(rows -> {
                    Set<String> devices = new HashSet<>();
                    Set<String> ips = new HashSet<>();
                    Set<String> accounts = new HashSet<>();
                    for (Row row : rows) {
                        String root = row.getString("root");
                        String value = row.getString("value");
                        long n = row.getLong("n");
                        switch (row.getString("kind")) {
                            case "device" -> {
                                graph.link(root, 0, Link.USED, Kind.DEVICE, value, 1, n);
                                devices.add(value);
                            }
                            case "ip" -> {
                                graph.link(root, 0, Link.USED, Kind.IP, value, 1, n);
                                ips.add(value);
                            }
                            case "paid" -> {
                                graph.link(root, 0, Link.PAID, Kind.ACCOUNT, value, 1, n);
                                accounts.add(value);
                            }
                            case "paid_by" -> {
                                graph.link(value, 1, Link.PAID, Kind.ACCOUNT, root, 0, n);
                                accounts.add(value);
                            }
                            default -> graph.link(root, 0, Link.PAID, Kind.MERCHANT, value, 1, n);
                        }
                    }
                    accounts.removeAll(roots);
                    if (depth < 2 || (devices.isEmpty() && ips.isEmpty() && accounts.isEmpty())) {
                        return Future.succeededFuture(graph);
                    }
                    return pool.preparedQuery(CaseQueries.NETWORK_SECOND_RING)
                            .execute(Tuple.of(
                                            devices.toArray(String[]::new),
                                            ips.toArray(String[]::new),
                                            accounts.toArray(String[]::new),
                                            from,
                                            to)
                                    .addInteger(MAX_SECOND_RING_ROWS))
                            .map(second -> {
                                for (Row row : second) {
                                    String other = row.getString("account_id");
                                    if (roots.contains(other)) {
                                        continue; // the case's own links are the first ring's
                                    }
                                    String value = row.getString("value");
                                    long n = row.getLong("n");
                                    switch (row.getString("kind")) {
                                        case "device" -> graph.link(other, 2, Link.USED, Kind.DEVICE, value, 1, n);
                                        case "ip" -> graph.link(other, 2, Link.USED, Kind.IP, value, 1, n);
                                        default -> graph.link(other, 2, Link.PAID, Kind.ACCOUNT, value, 2, n);
                                    }
                                }
                                return graph;
                            });
                });
    }

    /** What the database says of the graph's nodes: per account its frauds, alerts and case; the blocked values. */
    private record Marks(Map<String, Row> accounts, Set<String> blocked) {}

    private Future<Marks> marks(NetworkGraph graph) {
        String[] accounts = graph.values(Kind.ACCOUNT).toArray(String[]::new);
        String[] values = graph.nodes().stream().map(NetworkGraph.Node::value).toArray(String[]::new);
        return pool.preparedQuery(CaseQueries.NETWORK_ACCOUNTS)
                .execute(Tuple.of(accounts))
                .compose(rows -> {
                    Map<String, Row> byAccount = new HashMap<>();
                    rows.forEach(row -> byAccount.put(row.getString("account_id"), row));
                    return pool.preparedQuery(CaseQueries.NETWORK_BLOCKED)
                            .execute(Tuple.of(values))
                            .map(blockedRows -> {
                                Set<String> blocked = new HashSet<>();
                                blockedRows.forEach(row -> blocked.add(
                                        nodeKindOfList(row.getString("kind")) + ":" + row.getString("value")));
                                return new Marks(byAccount, blocked);
                            });
                });
    }

    /** The node kind a block list of this kind holds values of: counterparties are accounts too. */
    private static String nodeKindOfList(String listKind) {
        return listKind.equals("counterparty") ? Kind.ACCOUNT.code() : listKind;
    }

    private static JsonObject toJson(NetworkGraph graph, Marks marks, boolean identities) {
        JsonArray nodes = new JsonArray();
        for (NetworkGraph.Node node : graph.nodes()) {
            boolean identifying = node.kind() != Kind.MERCHANT;
            JsonObject json = new JsonObject()
                    .put("id", node.id())
                    .put("kind", node.kind().code())
                    .put("label", identifying && !identities ? PersonalData.mask(node.value()) : node.value())
                    .put("depth", node.depth())
                    .put("blocked", marks.blocked().contains(node.kind().code() + ":" + node.value()));
            if (node.kind() == Kind.ACCOUNT) {
                Row account = marks.accounts().get(node.value());
                json.put("frauds", account == null ? 0 : account.getLong("frauds"))
                        .put("alerts", account == null ? 0 : account.getLong("alerts"))
                        .put("case_id", account == null ? null : account.getString("case_id"));
            }
            nodes.add(json);
        }
        JsonArray edges = new JsonArray();
        for (NetworkGraph.Edge edge : graph.edges()) {
            edges.add(new JsonObject()
                    .put("from", edge.from())
                    .put("to", edge.to())
                    .put("link", edge.link().code())
                    .put("transactions", edge.transactions()));
        }
        return new JsonObject()
                .put("nodes", nodes)
                .put("edges", edges)
                .put("truncated", graph.truncated())
                .put("max_nodes", MAX_NODES);
    }
}
