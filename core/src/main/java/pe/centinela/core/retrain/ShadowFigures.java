package pe.centinela.core.retrain;

import pe.centinela.core.evaluation.Metrics;

/**
 * How a shadow and the model in force ranked the alerts analysts decided while the shadow ran: the average precision
 * of each one's scores against the decisions (confirmed fraud or false positive). Only the model in force raises
 * alerts, so this compares how well each puts the confirmed frauds above the false positives among them.
 *
 * @param decided   alerts decided
 * @param confirmed of them, confirmed fraud
 */
public record ShadowFigures(int decided, int confirmed, double shadowAveragePrecision, double inForceAveragePrecision) {

    public static ShadowFigures of(double[] inForceScores, double[] shadowScores, boolean[] confirmedFraud) {
        int confirmed = 0;
        for (boolean fraud : confirmedFraud) {
            confirmed += fraud ? 1 : 0;
        }
        boolean ranks = confirmed > 0 && confirmed < confirmedFraud.length;
        return new ShadowFigures(
                confirmedFraud.length,
                confirmed,
                ranks ? Metrics.averagePrecision(shadowScores, confirmedFraud) : Double.NaN,
                ranks ? Metrics.averagePrecision(inForceScores, confirmedFraud) : Double.NaN);
    }

    /** Whether the decisions can tell the models apart: at least one confirmed fraud and one false positive. */
    public boolean informative() {
        return confirmed > 0 && confirmed < decided;
    }
}
