package pe.centinela.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.mapping.ColumnMapping;
import pe.centinela.core.quality.DuplicateIndex;
import pe.centinela.core.quality.Intake;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.ingest.IntakeFactory;

/** Garbled CSV through a mapping: the import never crashes and every row ends as exactly one transaction or dead letter. */
class CsvImporterFuzzTest {

    private static final ColumnMapping MAPPING = ColumnMapping.parse(
            List.of(
                    "transaction_id=id",
                    "account_id=acc",
                    "amount=amt",
                    "timestamp=ts:dd/MM/yyyy HH:mm",
                    "merchant_id=m",
                    "merchant_category_code=mcc",
                    "channel=ch",
                    "fraud_label=f:bool"),
            ColumnMapping.Options.defaults());

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of(
                        "1",
                        "0",
                        "-5",
                        "12.50",
                        "1e309",
                        "01/11/2026 10:00",
                        "31/02/2026 10:00",
                        "5411",
                        "9999",
                        "pos",
                        "atm",
                        "wallet",
                        "true",
                        "\"q,uoted\"",
                        "\"unclosed",
                        "",
                        " ",
                        "ñ",
                        "\u0000"));
        Arbitrary<String> row = cell.list().ofMinSize(0).ofMaxSize(9).map(cells -> String.join(",", cells));
        return row.list().ofMaxSize(30).map(rows -> "id,acc,amt,ts,m,mcc,ch,f\n" + String.join("\n", rows));
    }

    @Property(tries = 1500)
    void everyRowEndsAsExactlyOneOutcome(@ForAll("files") String file) throws Exception {
        Intake intake =
                IntakeFactory.create(PlatformConfig.Ingest.from(Settings.of(java.util.Map.of())), Clock.systemUTC());
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        long rows = new CsvImporter(intake, new DuplicateIndex(Duration.ofDays(7)), Clock.systemUTC())
                .run(
                        new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                        MAPPING,
                        "fuzz",
                        new CsvImporter.Output() {
                            @Override
                            public void accepted(Transaction transaction) {
                                accepted.incrementAndGet();
                            }

                            @Override
                            public void rejected(DeadLetter letter) {
                                assertThat(letter.reasons()).isNotEmpty();
                                rejected.incrementAndGet();
                            }
                        },
                        n -> {});
        assertThat(accepted.get() + rejected.get()).isEqualTo(intake.report().total());
        assertThat(intake.report().accepted()).isEqualTo(accepted.get());
        assertThat(rows).isLessThanOrEqualTo(accepted.get() + rejected.get());
    }
}
