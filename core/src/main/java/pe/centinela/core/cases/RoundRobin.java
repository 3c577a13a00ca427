package pe.centinela.core.cases;

import java.util.ArrayList;
import java.util.List;

/** Hands cases to a team's members in turn, from whose turn it is. */
public final class RoundRobin {

    private RoundRobin() {}

    /** Who gets each of {@code cases} cases, the first going to {@code members[next % size]}. */
    public static List<String> owners(List<String> members, int next, int cases) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a round robin needs at least one member");
        }
        List<String> owners = new ArrayList<>(cases);
        for (int i = 0; i < cases; i++) {
            owners.add(members.get(Math.floorMod(next + i, members.size())));
        }
        return owners;
    }

    /** Whose turn it is after {@code cases} more were handed out. */
    public static int nextAfter(List<String> members, int next, int cases) {
        return members.isEmpty() ? 0 : Math.floorMod(next + cases, members.size());
    }
}
