package pe.centinela.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.cases.NetworkGraph.Kind;
import pe.centinela.core.cases.NetworkGraph.Link;

class NetworkGraphTest {

    @Test
    void theCasesAccountIsTheFirstNodeAndSharedPartiesLinkOtherAccounts() {
        NetworkGraph graph = new NetworkGraph(List.of("victim"), 50);
        graph.link("victim", 0, Link.USED, Kind.DEVICE, "dev-1", 1, 3);
        graph.link("victim", 0, Link.PAID, Kind.ACCOUNT, "mule", 1, 2);
        graph.link("other", 2, Link.USED, Kind.DEVICE, "dev-1", 1, 5);
        graph.link("victim", 0, Link.USED, Kind.DEVICE, "dev-1", 1, 1);

        assertThat(graph.nodes().get(0)).isEqualTo(new NetworkGraph.Node("n0", Kind.ACCOUNT, "victim", 0));
        assertThat(graph.values(Kind.ACCOUNT)).containsExactly("victim", "mule", "other");
        assertThat(graph.edges())
                .contains(
                        new NetworkGraph.Edge("n0", "n1", Link.USED, 4),
                        new NetworkGraph.Edge("n0", "n2", Link.PAID, 2),
                        new NetworkGraph.Edge("n3", "n1", Link.USED, 5));
        assertThat(graph.truncated()).isFalse();
    }

    @Test
    void beyondItsBoundTheGraphDropsNewNodesAndSaysItWasCut() {
        NetworkGraph graph = new NetworkGraph(List.of("victim"), 3);
        graph.link("victim", 0, Link.USED, Kind.IP, "1.1.1.1", 1, 1);
        graph.link("victim", 0, Link.USED, Kind.IP, "2.2.2.2", 1, 1);
        graph.link("victim", 0, Link.USED, Kind.IP, "3.3.3.3", 1, 1);
        graph.link("victim", 0, Link.USED, Kind.IP, "1.1.1.1", 1, 1);

        assertThat(graph.nodes()).hasSize(3);
        assertThat(graph.edges()).hasSize(2);
        assertThat(graph.truncated()).isTrue();
    }

    @Test
    void anAccountPayingItselfAndMissingPartiesAddNothing() {
        NetworkGraph graph = new NetworkGraph(List.of("victim"), 10);
        graph.link("victim", 0, Link.PAID, Kind.ACCOUNT, "victim", 1, 1);
        graph.link("victim", 0, Link.USED, Kind.DEVICE, null, 1, 1);

        assertThat(graph.nodes()).hasSize(1);
        assertThat(graph.edges()).isEmpty();
    }

    @Test
    void everyAccountOfTheCaseIsASeedAtDepthZero() {
        NetworkGraph graph = new NetworkGraph(List.of("victim", "mule"), 10);
        graph.link("victim", 0, NetworkGraph.Link.PAID, NetworkGraph.Kind.ACCOUNT, "mule", 1, 3);

        assertThat(graph.nodes())
                .extracting(NetworkGraph.Node::value, NetworkGraph.Node::depth)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("victim", 0),
                        org.assertj.core.groups.Tuple.tuple("mule", 0));
        assertThat(graph.edges())
                .singleElement()
                .satisfies(e -> assertThat(e.transactions()).isEqualTo(3));
    }
}
