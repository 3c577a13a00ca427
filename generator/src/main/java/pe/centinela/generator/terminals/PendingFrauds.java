package pe.centinela.generator.terminals;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Fraudulent payments already planned by an incident, waiting for their day; in time, then planning, order. */
final class PendingFrauds {

    private record Planned(TerminalTransaction transaction, long order) {}

    private final PriorityQueue<Planned> queue = new PriorityQueue<>(
            Comparator.comparingLong((Planned p) -> p.transaction().epochSecond())
                    .thenComparingLong(Planned::order));
    private long planned;

    void add(TerminalTransaction transaction) {
        queue.add(new Planned(transaction, planned++));
    }

    /** Moves every planned payment before {@code until} into {@code day}. */
    void moveBefore(long until, List<TerminalTransaction> day) {
        while (!queue.isEmpty() && queue.peek().transaction().epochSecond() < until) {
            day.add(queue.poll().transaction());
        }
    }
}
