package pe.centinela.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void environmentVariableOverridesTheFile() {
        Settings s = new Settings(
                Map.of("kafka.bootstrap-servers", "file:9092"), Map.of("FRAUD_KAFKA_BOOTSTRAP_SERVERS", "env:9092"));
        assertThat(s.string("kafka.bootstrap-servers")).isEqualTo("env:9092");
    }

    @Test
    void missingRequiredValueNamesTheKeyAndItsEnvironmentVariable() {
        Settings s = Settings.of(Map.of());
        assertThatThrownBy(() -> s.string("kafka.bootstrap-servers"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.bootstrap-servers")
                .hasMessageContaining("FRAUD_KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("required");
    }

    @Test
    void malformedNumberIsRejectedWithTheKeyAndValue() {
        Settings s = Settings.of(Map.of("http.port", "80a"));
        assertThatThrownBy(() -> s.integer("http.port", 8080, 0, 65535))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("'80a'");
    }

    @Test
    void outOfRangeNumberIsRejected() {
        Settings s = Settings.of(Map.of("scoring.alert-threshold", "1.5"));
        assertThatThrownBy(() -> s.decimal("scoring.alert-threshold", 0.9, 0, 1))
                .hasMessageContaining("scoring.alert-threshold")
                .hasMessageContaining("between 0.0 and 1.0");
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        assertThat(Settings.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Settings.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Settings.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Settings.parseDuration("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> Settings.of(Map.of("ingest.max-future-skew", "soon"))
                        .duration("ingest.max-future-skew", Duration.ZERO))
                .hasMessageContaining("ingest.max-future-skew");
    }

    @Test
    void unknownKeyInTheFileIsReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fraud.properties");
        Files.writeString(file, "kafka.bootstrap-servers=localhost:9092\nkafka.bootstrap=typo\npostgres.password=x\n");
        Settings s = Settings.load(file, Map.of());
        PlatformConfig.from(s);
        assertThatThrownBy(s::requireAllUsed)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.bootstrap")
                .hasMessageContaining("unknown key");
    }

    @Test
    void secretsNeverPrintTheirValue() {
        PlatformConfig config = PlatformConfig.from(
                Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "postgres.password", "hunter2")));
        assertThat(config.postgres().password().value()).isEqualTo("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2").contains("******");
    }

    @Test
    void platformConfigHasWorkingDefaults() {
        PlatformConfig config =
                PlatformConfig.from(Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "postgres.password", "p")));
        assertThat(config.topics().transactions()).isEqualTo("fraud.transactions");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.scoring().thresholdFor(0.93)).isEqualTo(0.93);
        assertThat(config.kafka().linger()).isEqualTo(Duration.ZERO);
    }

    @Test
    void producerLingerIsBoundedAndNamedWhenWrong() {
        Map<String, String> base = Map.of("kafka.bootstrap-servers", "k:9092", "postgres.password", "p");
        Map<String, String> lingering = new java.util.HashMap<>(base);
        lingering.put("kafka.linger", "5ms");
        assertThat(PlatformConfig.from(Settings.of(lingering)).kafka().linger()).isEqualTo(Duration.ofMillis(5));
        lingering.put("kafka.linger", "2s");
        assertThatThrownBy(() -> PlatformConfig.from(Settings.of(lingering)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.linger")
                .hasMessageContaining("2s");
    }

    @Test
    void deliveryTimeoutDefaultsToFiveMinutesAndMustCoverARequest() {
        Map<String, String> settings =
                new java.util.HashMap<>(Map.of("kafka.bootstrap-servers", "k:9092", "postgres.password", "p"));
        assertThat(PlatformConfig.from(Settings.of(settings)).kafka().deliveryTimeout())
                .isEqualTo(Duration.ofMinutes(5));
        settings.put("kafka.request-timeout", "40s");
        settings.put("kafka.delivery-timeout", "30s");
        assertThatThrownBy(() -> PlatformConfig.from(Settings.of(settings)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.delivery-timeout")
                .hasMessageContaining("40000 ms");
    }

    @Test
    void exchangeRatesAreParsedAndBadOnesNamed() {
        assertThat(PlatformConfig.exchangeRates("USD=3.75, eur=4.05"))
                .containsEntry("PEN", java.math.BigDecimal.ONE)
                .containsEntry("USD", new java.math.BigDecimal("3.75"))
                .containsEntry("EUR", new java.math.BigDecimal("4.05"));
        assertThatThrownBy(() -> PlatformConfig.exchangeRates("USD=three"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingest.exchange-rates")
                .hasMessageContaining("USD=three");
    }

    @Test
    void missingConfigFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> Settings.load(dir.resolve("absent.properties"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void webhooksAreOffUnlessAUrlIsSetAndHaveSaneDefaults() {
        PlatformConfig.Webhooks off = PlatformConfig.from(Settings.of(Map.of("kafka.bootstrap-servers", "k:9092")))
                .webhooks();
        assertThat(off.enabled()).isFalse();
        PlatformConfig.Webhooks on = PlatformConfig.from(Settings.of(Map.of(
                        "kafka.bootstrap-servers",
                        "k:9092",
                        "webhooks.url",
                        "https://hooks.example.pe/centinela",
                        "webhooks.secret",
                        "whsec-1")))
                .webhooks();
        assertThat(on.enabled()).isTrue();
        assertThat(on.maxAttempts()).isEqualTo(8);
        assertThat(on.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(on.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(on.toString()).doesNotContain("whsec-1");
    }

    @Test
    void badWebhookSettingsNameTheirKey() {
        assertThatThrownBy(() -> PlatformConfig.from(Settings.of(Map.of(
                        "kafka.bootstrap-servers", "k:9092", "webhooks.url", "ftp://x.pe/h", "webhooks.secret", "s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("webhooks.url")
                .hasMessageContaining("ftp://x.pe/h");
        assertThatThrownBy(() -> PlatformConfig.from(Settings.of(Map.of(
                        "kafka.bootstrap-servers", "k:9092", "webhooks.url", "not a url", "webhooks.secret", "s"))))
                .hasMessageContaining("webhooks.url");
        assertThatThrownBy(() -> PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "webhooks.url", "https://x.pe/h"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("webhooks.secret")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "webhooks.initial-backoff", "1h"))))
                .hasMessageContaining("webhooks.initial-backoff")
                .hasMessageContaining("10m");
        assertThatThrownBy(() -> PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "webhooks.max-attempts", "0"))))
                .hasMessageContaining("webhooks.max-attempts");
        assertThatThrownBy(() -> PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "webhooks.timeout", "0s"))))
                .hasMessageContaining("webhooks.timeout");
    }

    @Test
    void retrainingIsOffUnlessAPeriodIsSetAndThenNeedsASigningKey(@TempDir Path dir) throws Exception {
        assertThat(PlatformConfig.from(Settings.of(Map.of("kafka.bootstrap-servers", "k:9092")))
                        .retrain()
                        .enabled())
                .isFalse();
        assertThatThrownBy(() -> PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "retrain.every", "7d"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("retrain.signing-key")
                .hasMessageContaining("required");
        Path key = Files.writeString(dir.resolve("retrain.pem"), "key");
        PlatformConfig.Retrain on = PlatformConfig.from(Settings.of(Map.of(
                        "kafka.bootstrap-servers",
                        "k:9092",
                        "retrain.every",
                        "7d",
                        "retrain.signing-key",
                        key.toString(),
                        "retrain.shadow-for",
                        "2d")))
                .retrain();
        assertThat(on.enabled()).isTrue();
        assertThat(on.shadowLimit()).isEqualTo(Duration.ofDays(6));
        assertThat(on.families()).containsExactly("logistic", "dense", "hybrid", "gbdt", "hybrid-gbdt");
        assertThatThrownBy(() -> PlatformConfig.from(Settings.of(Map.of(
                        "kafka.bootstrap-servers",
                        "k:9092",
                        "retrain.every",
                        "7d",
                        "retrain.signing-key",
                        key.toString(),
                        "retrain.shadow-for",
                        "2d",
                        "retrain.shadow-limit",
                        "1d"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("retrain.shadow-limit");
    }

    @Test
    void retentionHasLegalDefaultsRefusesTooShortAValueAndNamesTheRenamedKey() {
        PlatformConfig.Retention defaults = PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092")))
                .retention();
        assertThat(defaults.transactions()).isEqualTo(Duration.ofDays(90));
        assertThat(defaults.cases()).isEqualTo(Duration.ofDays(3650));
        assertThat(defaults.audit()).isEqualTo(Duration.ofDays(3650));
        assertThat(defaults.deadLetters()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "retention.cases", "7d"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("retention.cases");
        assertThatThrownBy(() -> PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "alerts.history-retention", "30d"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.history-retention")
                .hasMessageContaining("retention.transactions");
    }

    @Test
    void theHistoryWaitsAQuarterSecondForABatchByDefaultAndAWaitBeyondFiveSecondsIsRefusedNamingTheKey() {
        PlatformConfig.Alerts defaults = PlatformConfig.from(Settings.of(Map.of("kafka.bootstrap-servers", "k:9092")))
                .alerts();
        assertThat(defaults.historyBatchWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(PlatformConfig.from(Settings.of(
                                Map.of("kafka.bootstrap-servers", "k:9092", "alerts.history-batch-wait", "0ms")))
                        .alerts()
                        .historyBatchWait())
                .isZero();
        assertThatThrownBy(() -> PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "alerts.history-batch-wait", "10s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.history-batch-wait");
    }

    @Test
    void scoringMayBatchWithoutWaitingAndAWaitBeyondASecondIsRefusedNamingTheKey() {
        assertThat(PlatformConfig.from(
                                Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "scoring.batch-wait", "0ms")))
                        .scoring()
                        .batchWait())
                .isZero();
        assertThatThrownBy(() -> PlatformConfig.from(
                        Settings.of(Map.of("kafka.bootstrap-servers", "k:9092", "scoring.batch-wait", "2s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scoring.batch-wait");
    }

    @Test
    void theRosFilerIsConfiguredAndAMistypedRucIsRefusedNamingTheKey() {
        PlatformConfig.Compliance filer = PlatformConfig.Compliance.from(Settings.of(Map.of(
                "compliance.reporting-entity",
                "Caja Demo",
                "compliance.ruc",
                "20123456789",
                "compliance.officer",
                "Ana")));
        assertThat(filer).isEqualTo(new PlatformConfig.Compliance("Caja Demo", "20123456789", "Ana"));
        assertThat(PlatformConfig.Compliance.from(Settings.of(Map.of())).ruc()).isNull();
        assertThatThrownBy(() -> PlatformConfig.Compliance.from(Settings.of(Map.of("compliance.ruc", "2012345678"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("compliance.ruc");
    }

    @Test
    void casesLinkByDeviceAndCounterpartyUnlessToldOtherwiseAndNameAnUnknownLink() {
        assertThat(PlatformConfig.Cases.defaults().linkBy()).containsExactly("device", "counterparty");
        assertThat(PlatformConfig.Cases.defaults().linkWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(PlatformConfig.Cases.from(Settings.of(Map.of("cases.link-by", "none")))
                        .linkBy())
                .isEmpty();
        assertThat(PlatformConfig.Cases.from(Settings.of(Map.of("cases.link-by", "ip, device")))
                        .linkBy())
                .containsExactly("ip", "device");
        assertThatThrownBy(() -> PlatformConfig.Cases.from(Settings.of(Map.of("cases.link-by", "device,phone"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cases.link-by")
                .hasMessageContaining("'phone'");
    }
}
