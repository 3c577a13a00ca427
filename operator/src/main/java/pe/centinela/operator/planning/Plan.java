package pe.centinela.operator.planning;

import java.util.Set;
import pe.centinela.operator.crd.FraudDetectorStatus;

/**
 * The outcome of one reconciliation: the model version the scoring Deployment should run (null: none yet, so no
 * scoring Deployment), the shadow or canary versions refused because the registry lacks them, and the new status.
 */
public record Plan(String scoringVersion, Set<String> refusedVersions, FraudDetectorStatus status) {}
