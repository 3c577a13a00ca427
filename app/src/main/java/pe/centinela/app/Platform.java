package pe.centinela.app;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.ApiServerVerticle;
import pe.centinela.adapters.http.MetricsRoutes;
import pe.centinela.adapters.http.Readiness;
import pe.centinela.adapters.kafka.ConsumerLagVerticle;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.alerts.AlertRoutes;
import pe.centinela.alerts.AlertStoreVerticle;
import pe.centinela.alerts.CaseNetworkRoutes;
import pe.centinela.alerts.CaseRoutes;
import pe.centinela.alerts.CaseSlaVerticle;
import pe.centinela.alerts.ComplianceRoutes;
import pe.centinela.alerts.DashboardRoutes;
import pe.centinela.alerts.DataSubjectRoutes;
import pe.centinela.alerts.HistoryRoutes;
import pe.centinela.alerts.LabelRelayVerticle;
import pe.centinela.alerts.ModelRoutes;
import pe.centinela.alerts.QueueRoutes;
import pe.centinela.alerts.RetentionRoutes;
import pe.centinela.alerts.RetentionVerticle;
import pe.centinela.alerts.RoundRobinVerticle;
import pe.centinela.alerts.RuleRoutes;
import pe.centinela.alerts.SlaRoutes;
import pe.centinela.alerts.TransactionHistoryVerticle;
import pe.centinela.alerts.WebhookDeliveryVerticle;
import pe.centinela.alerts.WebhookRoutes;
import pe.centinela.alerts.WorkflowRoutes;
import pe.centinela.alerts.ui.UiRoutes;
import pe.centinela.core.config.ConfigException;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.ingest.DecisionRoutes;
import pe.centinela.ingest.KafkaIngestVerticle;
import pe.centinela.ingest.TransactionRoutes;
import pe.centinela.ingest.database.DatabaseSourceVerticle;
import pe.centinela.scoring.ScoringVerticle;
import pe.centinela.scoring.retrain.RetrainVerticle;
import pe.centinela.scoring.trial.RuleTrialRoutes;

/** Deploys the verticles of the chosen roles into one Vert.x instance. */
public final class Platform {

    /** What a process does. */
    public enum Role {
        INGEST,
        SCORING,
        ALERTS,
        RETRAIN,
        ALL;

        public static Role parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown role '" + text + "', expected ingest, scoring, alerts, retrain or all");
            }
        }

        /**
         * The roles this one runs: where {@code retrain.every} is set, the process that serves the alerts ({@code alerts}
         * or {@code all}) runs the retraining loop too; {@code retrain} runs it alone.
         */
        Set<Role> expand(PlatformConfig config) {
            if (this == RETRAIN && !config.retrain().enabled()) {
                throw new ConfigException(
                        PlatformConfig.Retrain.EVERY_KEY,
                        "is required for the role retrain: how often to train a candidate, e.g. 7d");
            }
            Set<Role> roles = this == ALL ? EnumSet.of(INGEST, SCORING, ALERTS) : EnumSet.of(this);
            if (roles.contains(ALERTS) && config.retrain().enabled()) {
                roles.add(RETRAIN);
            }
            return roles;
        }
    }

    private Platform() {}

    /** Migrates the database, then deploys the roles' verticles and one HTTP server with their routes; returns its port. */
    public static Future<Integer> deploy(Vertx vertx, PlatformConfig config, Role role, PipelineStats stats) {
        Set<Role> roles = role.expand(config);
        return vertx.executeBlocking(() -> Database.migrate(config.postgres()))
                .compose(v -> deployVerticles(vertx, config, roles, stats));
    }

    private static Future<Integer> deployVerticles(
            Vertx vertx, PlatformConfig config, Set<Role> roles, PipelineStats stats) {
        Clock clock = Clock.systemUTC();
        Readiness readiness = new Readiness();
        List<Future<String>> deployed = new ArrayList<>();
        List<ApiRoutes> routes = new ArrayList<>();
        if (roles.contains(Role.ALERTS)) {
            deployed.add(vertx.deployVerticle(new AlertStoreVerticle(config, stats)));
            deployed.add(vertx.deployVerticle(new LabelRelayVerticle(config)));
            deployed.add(vertx.deployVerticle(new RetentionVerticle(config, clock)));
            deployed.add(vertx.deployVerticle(new RoundRobinVerticle(config)));
            if (config.alerts().history()) {
                deployed.add(vertx.deployVerticle(new TransactionHistoryVerticle(config, stats)));
            }
            routes.add(new AlertRoutes());
            routes.add(new WorkflowRoutes());
            routes.add(new CaseRoutes());
            routes.add(new QueueRoutes());
            routes.add(new SlaRoutes());
            routes.add(new CaseNetworkRoutes());
            routes.add(new HistoryRoutes());
            routes.add(new ComplianceRoutes(clock));
            routes.add(new DataSubjectRoutes());
            routes.add(new RetentionRoutes(clock));
            routes.add(new ModelRoutes());
            routes.add(new DashboardRoutes());
            routes.add(new UiRoutes());
            routes.add(new WebhookRoutes());
            routes.add(new RuleRoutes());
            routes.add(new RuleTrialRoutes(clock));
            if (config.webhooks().enabled()) {
                deployed.add(vertx.deployVerticle(new WebhookDeliveryVerticle(config, stats)));
                deployed.add(vertx.deployVerticle(new CaseSlaVerticle(config)));
            }
        }
        if (roles.contains(Role.SCORING)) {
            deployed.add(vertx.deployVerticle(new ScoringVerticle(config, stats, clock, readiness)));
        }
        if (roles.contains(Role.INGEST)) {
            deployed.add(vertx.deployVerticle(new KafkaIngestVerticle(config, stats, clock)));
            routes.add(new TransactionRoutes(clock, stats));
            routes.add(new DecisionRoutes(clock, stats));
            if (config.databaseSource().enabled()) {
                deployed.add(vertx.deployVerticle(
                        new DatabaseSourceVerticle(config, stats, clock),
                        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
            }
        }
        if (roles.contains(Role.RETRAIN)) {
            deployed.add(vertx.deployVerticle(new RetrainVerticle(config, clock)));
        }
        deployed.add(vertx.deployVerticle(
                new ConsumerLagVerticle(config.kafka(), stats.registry(), Duration.ofSeconds(10))));
        routes.add(new MetricsRoutes(stats.registry()));
        ApiServerVerticle api = new ApiServerVerticle(config, routes, readiness);
        deployed.add(vertx.deployVerticle(api));
        return Future.all(deployed).map(v -> api.actualPort());
    }
}
