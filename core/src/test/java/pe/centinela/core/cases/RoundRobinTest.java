package pe.centinela.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    @Test
    void casesGoToEachMemberInTurnFromWhoseTurnItIs() {
        List<String> team = List.of("ana", "luis", "rosa");

        assertThat(RoundRobin.owners(team, 1, 5)).containsExactly("luis", "rosa", "ana", "luis", "rosa");
        assertThat(RoundRobin.nextAfter(team, 1, 5)).isEqualTo(0);
        assertThat(RoundRobin.owners(team, 7, 1)).as("a team that shrank").containsExactly("luis");
    }

    @Test
    void noTeamNoRoundRobin() {
        assertThatThrownBy(() -> RoundRobin.owners(List.of(), 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RoundRobin.nextAfter(List.of(), 3, 2)).isZero();
    }
}
