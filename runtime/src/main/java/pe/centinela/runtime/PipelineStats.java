package pe.centinela.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Running counts of what the stages in this process did, for status lines and health. */
public final class PipelineStats {

    public final AtomicLong ingested = new AtomicLong();
    public final AtomicLong deadLettered = new AtomicLong();
    public final AtomicLong scored = new AtomicLong();
    public final AtomicLong alertsRaised = new AtomicLong();
    public final AtomicLong alertsStored = new AtomicLong();
    public final AtomicLong alertsDuplicate = new AtomicLong();
    public final AtomicLong labelsApplied = new AtomicLong();
    /** The model scoring in this process and its alert threshold; null until one is loaded. */
    public final AtomicReference<ActiveModel> activeModel = new AtomicReference<>();

    /** A model version in force with its alert threshold. */
    public record ActiveModel(String version, double alertThreshold) {
    }
}
