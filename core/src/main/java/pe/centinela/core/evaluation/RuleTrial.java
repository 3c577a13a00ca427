package pe.centinela.core.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.rules.Condition;
import pe.centinela.core.rules.RuleInput;
import pe.centinela.core.time.LimaTime;

/**
 * A rule tried on history before it is put in force: the stored transactions replayed in time order through the live
 * feature code (labels reach the features one label delay after their transaction, as in production) and the model in
 * force, and the rule evaluated on each transaction of the window, as scoring would have. Reports what it would have
 * caught, missed and added, per day and in all, against the labels known (analysts' decisions and imported labels).
 */
public final class RuleTrial {

    private static final int BATCH = 512;

    /**
     * One day of the window (in Lima).
     *
     * @param transactions  transactions that day
     * @param hits          those the rule held for
     * @param fraudHits     hits labelled fraud
     * @param legitHits     hits labelled legitimate
     * @param frauds        transactions labelled fraud
     * @param modelAlerts   transactions whose score reached the alert threshold
     * @param alreadyAlerted hits the model alerted on anyway
     */
    public record Day(
            LocalDate day,
            long transactions,
            long hits,
            long fraudHits,
            long legitHits,
            long frauds,
            long modelAlerts,
            long alreadyAlerted) {}

    /**
     * The whole window.
     *
     * @param precision     fraud hits over labelled hits, null without a labelled hit
     * @param fraudsCaught  frauds the rule held for
     * @param fraudsMissed  frauds it did not hold for
     * @param addedAlerts   hits the model did not alert on: the analysts' extra work, for a review or decline rule
     * @param modelVersion  the model whose score the rule read, or null when there was none
     */
    public record Report(
            Instant from,
            Instant to,
            long replayed,
            long transactions,
            long hits,
            long fraudHits,
            long legitHits,
            Double precision,
            long frauds,
            long fraudsCaught,
            long fraudsMissed,
            long alreadyAlerted,
            long addedAlerts,
            String modelVersion,
            List<Day> days) {}

    /** The model the replay scores with, and its alert threshold. */
    public record Model(String version, Scorer scorer, double alertThreshold) {}

    private RuleTrial() {}

    /**
     * Tries a condition on the history.
     *
     * @param history    every stored transaction in time order, labelled where known; those before {@code from} only
     *                   warm the accounts' state
     * @param condition  the rule's compiled expression
     * @param model      the model in force, or null (the rule then reads a score of 0)
     * @param labelDelay how long labels take to reach the features
     * @param from       the window's start
     * @param to         its end (exclusive)
     */
    public static Report run(
            Iterator<Transaction> history,
            Condition condition,
            Model model,
            Duration labelDelay,
            Instant from,
            Instant to) {
        int steps = model == null ? 1 : model.scorer().sequenceLength();
        FeaturePipeline features =
                new FeaturePipeline(labelDelay, Math.max(steps, FeaturePipeline.DEFAULT_SEQUENCE_LENGTH));
        Map<LocalDate, long[]> days = new TreeMap<>();
        RuleInput input = new RuleInput();
        List<Transaction> batch = new ArrayList<>(BATCH);
        List<double[]> plain = new ArrayList<>(BATCH);
        List<double[]> rows = new ArrayList<>(BATCH);
        long replayed = 0;
        while (history.hasNext()) {
            Transaction tx = history.next();
            if (!tx.timestamp().isBefore(to)) {
                break;
            }
            replayed++;
            double[] row = new double[FeatureCatalogue.SIZE];
            if (steps > 1) {
                double[] sequence = new double[steps * FeatureCatalogue.SIZE];
                features.next(tx, row, sequence);
                rows.add(sequence);
            } else {
                features.next(tx, row);
                rows.add(row);
            }
            if (tx.timestamp().isBefore(from)) {
                rows.remove(rows.size() - 1);
                continue;
            }
            batch.add(tx);
            plain.add(row);
            if (batch.size() == BATCH) {
                evaluate(batch, plain, rows, condition, model, input, days);
            }
        }
        evaluate(batch, plain, rows, condition, model, input, days);
        return report(from, to, replayed, days, model);
    }

    private static void evaluate(
            List<Transaction> batch,
            List<double[]> plain,
            List<double[]> rows,
            Condition condition,
            Model model,
            RuleInput input,
            Map<LocalDate, long[]> days) {
        if (batch.isEmpty()) {
            return;
        }
        Scorer.RowScore[] scores =
                model == null ? null : model.scorer().score(rows.toArray(new double[0][]), Double.POSITIVE_INFINITY);
        for (int i = 0; i < batch.size(); i++) {
            Transaction tx = batch.get(i);
            double score = scores == null ? 0 : scores[i].score();
            boolean hit = condition.test(input.set(tx, plain.get(i), score));
            boolean alerted = model != null && score >= model.alertThreshold();
            LocalDate day =
                    LocalDate.ofEpochDay(Math.floorDiv(LimaTime.localSeconds(tx.timestamp()), LimaTime.DAY_SECONDS));
            long[] c = days.computeIfAbsent(day, d -> new long[7]);
            boolean fraud = Boolean.TRUE.equals(tx.fraudLabel());
            boolean legit = Boolean.FALSE.equals(tx.fraudLabel());
            c[0]++;
            c[1] += hit ? 1 : 0;
            c[2] += hit && fraud ? 1 : 0;
            c[3] += hit && legit ? 1 : 0;
            c[4] += fraud ? 1 : 0;
            c[5] += alerted ? 1 : 0;
            c[6] += hit && alerted ? 1 : 0;
        }
        batch.clear();
        plain.clear();
        rows.clear();
    }

    private static Report report(Instant from, Instant to, long replayed, Map<LocalDate, long[]> days, Model model) {
        long[] total = new long[7];
        List<Day> perDay = new ArrayList<>();
        days.forEach((day, c) -> {
            perDay.add(new Day(day, c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
            for (int i = 0; i < total.length; i++) {
                total[i] += c[i];
            }
        });
        long labelled = total[2] + total[3];
        return new Report(
                from,
                to,
                replayed,
                total[0],
                total[1],
                total[2],
                total[3],
                labelled == 0 ? null : (double) total[2] / labelled,
                total[4],
                total[2],
                total[4] - total[2],
                total[6],
                total[1] - total[6],
                model == null ? null : model.version(),
                List.copyOf(perDay));
    }
}
