package pe.centinela.workbench.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.core.rules.RuleBook;

/**
 * What active rules add to scoring, measured in one JVM on interleaved micro-batches: two engines with the same model
 * score the same traffic, one with the rules and one without, batch after batch, each going first in turn. A slow
 * stretch of a shared virtual machine then slows both alike, which separate JMH forks minutes apart cannot promise
 * (the same kernel measured 2.6 to 4.3 µs a transaction in forks of one run).
 */
final class RulesCost {

    /** The rules' cost as a share of scoring without them, and each side's time per transaction. */
    record Result(int rounds, double withoutNanosPerTx, double withNanosPerTx, double medianExtraShare) {

        double extraShare() {
            return withNanosPerTx / withoutNanosPerTx - 1;
        }
    }

    private final Scorer scorer;
    private final double threshold;
    private final RuleBook rules;
    private final List<Transaction> traffic;
    private final int batch;

    RulesCost(Scorer scorer, double threshold, RuleBook rules, List<Transaction> traffic, int batch) {
        if (traffic.size() < 2 * batch) {
            throw new IllegalArgumentException("need at least two batches of traffic, have " + traffic.size());
        }
        this.scorer = scorer;
        this.threshold = threshold;
        this.rules = rules;
        this.traffic = traffic;
        this.batch = batch;
    }

    /** Interleaves batches for {@code warmup} unmeasured, then for {@code measured}. */
    Result measure(Duration warmup, Duration measured) {
        run(warmup, false);
        return run(measured, true);
    }

    private Result run(Duration length, boolean keep) {
        ScoringEngine without = null;
        ScoringEngine with = null;
        int next = traffic.size();
        long withoutNanos = 0;
        long withNanos = 0;
        long transactions = 0;
        double[] ratios = new double[1024];
        int rounds = 0;
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            if (next + batch > traffic.size()) {
                // both start the traffic again from empty histories, so each account's time only moves forward
                without = engine(RuleBook.EMPTY);
                with = engine(rules);
                next = 0;
            }
            List<Transaction> slice = traffic.subList(next, next + batch);
            next += batch;
            long a;
            long b;
            if (rounds % 2 == 0) {
                a = timed(without, slice);
                b = timed(with, slice);
            } else {
                b = timed(with, slice);
                a = timed(without, slice);
            }
            withoutNanos += a;
            withNanos += b;
            transactions += slice.size();
            if (rounds == ratios.length) {
                ratios = Arrays.copyOf(ratios, 2 * rounds);
            }
            ratios[rounds++] = (double) b / a;
        }
        if (!keep) {
            return null;
        }
        double[] sorted = Arrays.copyOf(ratios, rounds);
        Arrays.sort(sorted);
        return new Result(
                rounds,
                (double) withoutNanos / transactions,
                (double) withNanos / transactions,
                sorted[rounds / 2] - 1);
    }

    private ScoringEngine engine(RuleBook book) {
        ScoringEngine engine = new ScoringEngine(
                new ScoringEngine.ActiveModel("bench", scorer, threshold),
                java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        engine.activate(book);
        return engine;
    }

    private static long timed(ScoringEngine engine, List<Transaction> slice) {
        long start = System.nanoTime();
        ScoringEngine.PreparedBatch prepared = engine.prepare(slice);
        List<ScoringEngine.Outcome> outcomes = engine.complete(prepared, engine.score(prepared));
        long took = System.nanoTime() - start;
        if (outcomes.size() != slice.size()) {
            throw new IllegalStateException("scored " + outcomes.size() + " of " + slice.size());
        }
        return took;
    }
}
