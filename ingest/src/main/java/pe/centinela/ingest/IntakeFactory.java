package pe.centinela.ingest;

import java.time.Clock;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.quality.AmountOutliers;
import pe.centinela.core.quality.DataQualityChecks;
import pe.centinela.core.quality.Intake;
import pe.centinela.core.quality.QualityReport;
import pe.centinela.core.validation.TransactionDecoder;

/** Builds the checks every source applies, from the ingest settings. */
public final class IntakeFactory {

    private IntakeFactory() {}

    public static TransactionDecoder decoder(PlatformConfig.Ingest ingest, Clock clock) {
        return new TransactionDecoder(clock, ingest.maxFutureSkew(), ingest.ratesToPen());
    }

    public static Intake create(PlatformConfig.Ingest ingest, Clock clock) {
        return new Intake(decoder(ingest, clock), new DataQualityChecks(new AmountOutliers()), new QualityReport());
    }
}
