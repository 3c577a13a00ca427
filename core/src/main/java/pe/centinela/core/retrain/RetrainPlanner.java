package pe.centinela.core.retrain;

import java.time.Instant;
import java.util.Optional;
import pe.centinela.core.config.PlatformConfig;

/**
 * The retraining loop's next step from what the registry holds, so that the loop carries no state of its own and a
 * restart (or another instance taking over) continues where it was.
 */
public final class RetrainPlanner {

    /** The loop's actor name in the registry's trail. */
    public static final String ACTOR = "retrain";

    /** A version in shadow and who put it there, since when. */
    public record Shadow(String version, String actor, Instant since) {}

    private RetrainPlanner() {}

    /**
     * The loop's next step, from the registry's state alone (so a restarted process continues where it was).
     *
     * @param lastStarted when the loop last started training, if ever
     * @param shadow      the registry's version in shadow, if any
     */
    public static RetrainStep next(
            Instant now, PlatformConfig.Retrain settings, Optional<Instant> lastStarted, Optional<Shadow> shadow) {
        if (shadow.isPresent()) {
            Shadow s = shadow.get();
            if (!s.actor().equals(ACTOR)) {
                return new RetrainStep.Wait(
                        now.plus(settings.checkInterval()),
                        "version " + s.version() + " is in shadow by " + s.actor()
                                + "; the loop trains again once it leaves shadow");
            }
            Instant judgeAt = s.since().plus(settings.shadowFor());
            return now.isBefore(judgeAt)
                    ? new RetrainStep.Wait(judgeAt, "candidate " + s.version() + " is in shadow")
                    : new RetrainStep.Judge(s.version(), s.since());
        }
        if (lastStarted.isPresent() && now.isBefore(lastStarted.get().plus(settings.every()))) {
            return new RetrainStep.Wait(
                    lastStarted.get().plus(settings.every()), "the last training started at " + lastStarted.get());
        }
        return new RetrainStep.Train();
    }
}
