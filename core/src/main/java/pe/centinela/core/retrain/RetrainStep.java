package pe.centinela.core.retrain;

import java.time.Instant;

/** What the retraining loop does next. */
public sealed interface RetrainStep {

    /** Nothing until {@code until}, because {@code reason}. */
    record Wait(Instant until, String reason) implements RetrainStep {}

    /** Train a candidate on the recent history. */
    record Train() implements RetrainStep {}

    /** The loop's candidate has been in shadow since {@code since}: judge it on the alerts decided meanwhile. */
    record Judge(String version, Instant since) implements RetrainStep {}
}
