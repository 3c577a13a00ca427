package pe.centinela.runtime;

import java.util.concurrent.atomic.AtomicLong;

/** Running counts of what the stages in this process did, for status lines and health. */
public final class PipelineStats {

    public final AtomicLong ingested = new AtomicLong();
    public final AtomicLong deadLettered = new AtomicLong();
    public final AtomicLong scored = new AtomicLong();
    public final AtomicLong alertsRaised = new AtomicLong();
    public final AtomicLong alertsStored = new AtomicLong();
    public final AtomicLong alertsDuplicate = new AtomicLong();
    public final AtomicLong labelsApplied = new AtomicLong();
}
