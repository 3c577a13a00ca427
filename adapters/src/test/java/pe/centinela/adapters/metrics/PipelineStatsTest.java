package pe.centinela.adapters.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;

class PipelineStatsTest {

    private final PipelineStats stats = new PipelineStats();

    @Test
    void countsAreLabelledInPrometheusAndTotalledForTheStatusLine() {
        stats.ingested("kafka-raw", 3);
        stats.ingested("rest:analyst", 2);
        stats.rejected(letter("kafka-raw", "malformed_json"));
        stats.rejected(letter("kafka-raw", "duplicate"));
        stats.rejected(letter("kafka-raw", "duplicate"));

        assertThat(stats.ingested()).isEqualTo(5);
        assertThat(stats.rejected()).isEqualTo(3);
        String scrape = stats.registry().scrape();
        assertThat(scrape)
                .contains("centinela_transactions_ingested_total{source=\"kafka-raw\"} 3.0")
                .contains("centinela_transactions_ingested_total{source=\"rest:analyst\"} 2.0")
                .contains("centinela_transactions_rejected_total{reason=\"duplicate\",source=\"kafka-raw\"} 2.0")
                .contains("centinela_transactions_rejected_total{reason=\"malformed_json\",source=\"kafka-raw\"} 1.0");
    }

    @Test
    void aPublishedIngestBatchIsTimed() {
        stats.ingestBatchPublished(Duration.ofMillis(40));

        assertThat(stats.registry().scrape())
                .contains("centinela_ingest_batch_duration_seconds_count 1")
                .contains("centinela_ingest_batch_duration_seconds_bucket{le=\"0.025\"} 0")
                .contains("centinela_ingest_batch_duration_seconds_bucket{le=\"0.05\"} 1");
    }

    @Test
    void aScoredBatchRecordsScoresAlertsAndLatencies() {
        Instant received = Instant.parse("2026-11-20T07:40:00Z");
        Instant scoredAt = received.plusMillis(300);
        Transaction quiet = transaction("t-1", received);
        Transaction alerted = transaction("t-2", received);
        List<ScoringEngine.Outcome> outcomes = List.of(
                new ScoringEngine.Outcome(score("t-1", 0.12, false, received, scoredAt), null),
                new ScoringEngine.Outcome(
                        score("t-2", 0.995, true, received, scoredAt),
                        new Alert("al-t-2", alerted, 0.995, 0.99, "v1", List.of(), scoredAt)));

        stats.scored(List.of(quiet, alerted), outcomes, Duration.ofMillis(40));
        stats.alertsStored(2, 1, Duration.ofMillis(3));

        assertThat(stats.scored()).isEqualTo(2);
        assertThat(stats.alertsRaised()).isEqualTo(1);
        assertThat(stats.alertsStored()).isEqualTo(1);
        assertThat(stats.alertsDuplicate()).isEqualTo(1);
        String scrape = stats.registry().scrape();
        assertThat(scrape)
                .contains("centinela_transaction_score_bucket{le=\"0.2\"} 1")
                .contains("centinela_transaction_score_bucket{le=\"0.999\"} 2")
                .contains("centinela_transaction_score_count 2")
                .contains("centinela_end_to_end_latency_seconds_bucket{le=\"0.25\"} 0")
                .contains("centinela_end_to_end_latency_seconds_bucket{le=\"0.5\"} 2")
                .contains("centinela_scoring_batch_duration_seconds_count 1")
                .contains("centinela_alert_store_duration_seconds_count 1")
                .contains("centinela_alerts_duplicate_total 1.0");
    }

    @Test
    void theActiveModelIsOneGaugeThatFollowsTheVersionAndItsThreshold() {
        stats.activeModel(new PipelineStats.ModelInForce("ae-1", 0.99));
        stats.activeModel(new PipelineStats.ModelInForce("ae-2", 0.97));
        String scrape = stats.registry().scrape();
        assertThat(scrape)
                .contains(
                        "centinela_model_active{version=\"ae-2\"} 1.0",
                        "centinela_model_alert_threshold{version=\"ae-2\"} 0.97")
                .doesNotContain("version=\"ae-1\"");
        assertThat(stats.activeModel().version()).isEqualTo("ae-2");
        stats.activeModel(new PipelineStats.ModelInForce("ae-2", 0.5));
        assertThat(stats.registry().scrape()).contains("centinela_model_alert_threshold{version=\"ae-2\"} 0.5");
        stats.activeModel(null);
        assertThat(stats.registry().scrape()).doesNotContain("centinela_model_active{");
    }

    @Test
    void aRefusedModelIsOneGaugeUntilWhatIsChosenLoads() {
        stats.refusedModel(new PipelineStats.RefusedModel("ae-3", "checksum_mismatch"));
        stats.refusedModel(new PipelineStats.RefusedModel("ae-4", "incompatible"));
        String scrape = stats.registry().scrape();
        assertThat(scrape)
                .contains("centinela_model_refused{reason=\"incompatible\",version=\"ae-4\"} 1.0")
                .doesNotContain("ae-3");
        stats.refusedModel(new PipelineStats.RefusedModel("ae-4", "incompatible"));
        assertThat(stats.registry().scrape())
                .contains("centinela_model_refused{reason=\"incompatible\",version=\"ae-4\"} 1.0");
        stats.refusedModel(null);
        assertThat(stats.refusedModel()).isNull();
        assertThat(stats.registry().scrape()).doesNotContain("centinela_model_refused{");
    }

    @Test
    void theJvmIsMeasuredToo() {
        assertThat(stats.registry().scrape()).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_gc_");
    }

    private static ScoreRecord score(String transactionId, double score, boolean alert, Instant at, Instant scoredAt) {
        return new ScoreRecord(
                transactionId,
                "acc",
                score,
                "v1",
                0.99,
                alert,
                at,
                scoredAt,
                new BigDecimal("10.00"),
                new BigDecimal("10.00"),
                "PEN",
                "m-1",
                "5411",
                Channel.POS,
                null,
                null,
                null,
                false);
    }

    private static DeadLetter letter(String source, String code) {
        return new DeadLetter(source, "kafka", "{}", List.of(new Violation("record", code, "…")), Instant.now(), null);
    }

    private static Transaction transaction(String id, Instant received) {
        return new Transaction(
                id,
                "acc",
                new BigDecimal("10.00"),
                "PEN",
                new BigDecimal("10.00"),
                "PEN",
                received,
                "m-1",
                "5411",
                Channel.POS,
                null,
                null,
                null,
                "PE",
                null,
                new SourceMetadata("kafka-raw", "kafka", null, received, 1));
    }
}
