package pe.centinela.core.cases;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network around a case's account: accounts, devices, IPs and merchants as nodes, what links them as edges
 * (an account used a device or an IP, paid another account, paid a merchant), built from the stored history outwards
 * from the case's account and bounded: once {@code maxNodes} nodes are in, links to new nodes are dropped and the
 * graph says it was cut.
 */
public final class NetworkGraph {

    public enum Kind {
        ACCOUNT,
        DEVICE,
        IP,
        MERCHANT;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What an edge says: the account used the device or IP, paid the other account, or paid the merchant. */
    public enum Link {
        USED,
        PAID;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A node: its own id in this graph ({@code n0} is the case's account), what it is and its value. */
    public record Node(String id, Kind kind, String value, int depth) {}

    /** From an account to what it used or paid, {@code transactions} times in the window. */
    public record Edge(String from, String to, Link link, long transactions) {}

    private final int maxNodes;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private boolean truncated;

    /** A graph around the case's accounts, each at depth 0 (the first is {@code n0}). */
    public NetworkGraph(List<String> seedAccounts, int maxNodes) {
        if (maxNodes < seedAccounts.size() || seedAccounts.isEmpty()) {
            throw new IllegalArgumentException(
                    "maxNodes must be at least the " + seedAccounts.size() + " seed accounts, was " + maxNodes);
        }
        this.maxNodes = maxNodes;
        seedAccounts.forEach(account -> add(Kind.ACCOUNT, account, 0));
    }

    /**
     * Links {@code account} to {@code value} of {@code kind}; a node not yet in the graph enters at {@code depth}
     * when there is room, and the link is dropped otherwise. Repeated links add their transactions up.
     */
    public void link(
            String account, int accountDepth, Link link, Kind kind, String value, int depth, long transactions) {
        if (account == null || value == null || (kind == Kind.ACCOUNT && account.equals(value))) {
            return;
        }
        Node from = add(Kind.ACCOUNT, account, accountDepth);
        Node to = add(kind, value, depth);
        if (from == null || to == null) {
            truncated = true;
            return;
        }
        String key = from.id() + ">" + to.id() + ":" + link.code();
        edges.merge(
                key,
                new Edge(from.id(), to.id(), link, transactions),
                (a, b) -> new Edge(a.from(), a.to(), a.link(), a.transactions() + b.transactions()));
    }

    private Node add(Kind kind, String value, int depth) {
        String key = kind.code() + ":" + value;
        Node known = nodes.get(key);
        if (known != null) {
            return known;
        }
        if (nodes.size() >= maxNodes) {
            return null;
        }
        Node node = new Node("n" + nodes.size(), kind, value, depth);
        nodes.put(key, node);
        return node;
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(new ArrayList<>(nodes.values()));
    }

    public List<Edge> edges() {
        return Collections.unmodifiableList(new ArrayList<>(edges.values()));
    }

    /** The values of the nodes of a kind, e.g. every account in the graph. */
    public List<String> values(Kind kind) {
        return nodes.values().stream()
                .filter(n -> n.kind() == kind)
                .map(Node::value)
                .toList();
    }

    public boolean truncated() {
        return truncated;
    }
}
