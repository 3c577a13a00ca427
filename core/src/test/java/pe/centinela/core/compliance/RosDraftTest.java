package pe.centinela.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pe.centinela.core.config.PlatformConfig;

class RosDraftTest {

    private static final Instant DRAFTED = Instant.parse("2026-11-25T14:00:00Z");
    private static final PlatformConfig.Compliance FILER =
            new PlatformConfig.Compliance("Caja Demo", "20123456789", "Ana Oficial");

    private final RosDraft.Case theCase = new RosDraft.Case(
            "Caso case-7",
            FILER,
            List.of("acc-000801", "acc-000802"),
            "supervisor",
            Instant.parse("2026-11-24T15:00:00Z"),
            List.of(
                    new RosDraft.Operation(
                            "tx-0",
                            "acc-000802",
                            Instant.parse("2026-11-23T20:10:00Z"),
                            new BigDecimal("100.00"),
                            "PEN",
                            null,
                            "ecommerce",
                            "m-1",
                            "5732",
                            null,
                            "PE",
                            "dev-9",
                            null,
                            List.of("new device")),
                    new RosDraft.Operation(
                            "tx-1",
                            "acc-000801",
                            Instant.parse("2026-11-24T07:40:00Z"),
                            new BigDecimal("2300.00"),
                            "USD",
                            new BigDecimal("610.00"),
                            "transfer",
                            null,
                            null,
                            "acc-mule",
                            "PE",
                            "dev-9",
                            "190.42.7.1",
                            List.of("first payment to beneficiary ****mule", "new device", "new device"))),
            List.of("analyst: Cliente no reconoce la operación, dice <no> haberla hecho"));

    private static Map<String, String> fields(RosDraft.Case c) {
        return RosDraft.form(c, DRAFTED).stream()
                .flatMap(section -> section.blocks().stream())
                .flatMap(block -> block.fields().stream())
                .collect(java.util.stream.Collectors.toMap(
                        RosDraft.Field::code, RosDraft.Field::value, (a, b) -> a + " | " + b));
    }

    @Test
    void theFormHasTheUifsSixSectionsInOrder() {
        assertThat(RosDraft.form(theCase, DRAFTED).stream().map(s -> s.number() + " " + s.title()))
                .containsExactly(
                        "1 Datos del sujeto obligado",
                        "2 Personas involucradas",
                        "3 Operaciones",
                        "4 Señales de alerta identificadas",
                        "5 Descripción de la operación sospechosa",
                        "6 Medidas adoptadas");
    }

    @Test
    void theReportingEntityIsFilledFromTheConfigurationAndWhatIsMissingIsMarked() {
        Map<String, String> fields = fields(theCase);
        assertThat(fields)
                .containsEntry("1.1", "Caja Demo")
                .containsEntry("1.2", "20123456789")
                .containsEntry("1.3", "Ana Oficial")
                .containsEntry("1.4", "Caso case-7")
                .containsEntry("1.5", "25/11/2026 09:00");
        RosDraft.Case unset = new RosDraft.Case(
                theCase.reference(),
                new PlatformConfig.Compliance("Caja Demo", null, null),
                theCase.accounts(),
                theCase.decidedBy(),
                theCase.decidedAt(),
                theCase.operations(),
                theCase.narrative());
        assertThat(fields(unset)).containsEntry("1.2", RosDraft.TO_COMPLETE).containsEntry("1.3", RosDraft.TO_COMPLETE);
    }

    @Test
    void everyPartyAppearsOnceWithItsRoleAndWhetherItIsACustomer() {
        Map<String, String> fields = fields(theCase);
        assertThat(fields)
                .containsEntry("2.1.1", "Titular de la cuenta de origen")
                .containsEntry("2.1.2", "Cliente")
                .containsEntry("2.1.3", "acc-000802")
                .containsEntry("2.2.3", "acc-000801")
                .containsEntry("2.3.1", "Beneficiario")
                .containsEntry("2.3.2", "No cliente o por determinar")
                .containsEntry("2.3.3", "acc-mule")
                .containsEntry("2.3.6", RosDraft.TO_COMPLETE)
                .containsEntry("2.4.1", "Establecimiento (comercio)")
                .containsEntry("2.4.3", "m-1")
                .containsEntry("2.4.4", "5732")
                .doesNotContainKey("2.5.1");
    }

    @Test
    void operationsCarryTheirTypeCurrencySolesAndLimaTimeAndAreTotalled() {
        Map<String, String> fields = fields(theCase);
        assertThat(fields)
                .containsEntry("3.2.1", "24/11/2026 02:40")
                .containsEntry("3.2.2", "Transferencia de fondos")
                .containsEntry("3.2.4", "USD")
                .containsEntry("3.2.5", "610.00")
                .containsEntry("3.2.6", "2300.00")
                .containsEntry("3.2.8", "Cuenta acc-mule")
                .containsEntry("3.2.10", "dev-9 · 190.42.7.1")
                .containsEntry("3.1.2", "Compra con tarjeta no presente (comercio electrónico)")
                .containsEntry("3.1.5", "100.00")
                .containsEntry("3.1.8", "Comercio m-1 (MCC 5732)")
                .containsEntry("3.0.1", "2")
                .containsEntry("3.0.2", "2400.00")
                .containsEntry("3.0.3", "23/11/2026 – 24/11/2026");
    }

    @Test
    void warningSignsAreCountedOncePerOperationAndTheSummaryTellsTheStory() {
        Map<String, String> fields = fields(theCase);
        assertThat(fields)
                .containsEntry("4.1", "new device (2 operaciones)")
                .containsEntry("4.2", "first payment to beneficiary ****mule (1 operación)")
                .containsEntry(
                        "5.1",
                        "Entre el 23/11/2026 y el 24/11/2026 se realizaron 2 operaciones por un total de S/ 2,400.00"
                                + " desde las cuentas acc-000802, acc-000801 hacia el comercio m-1, la cuenta acc-mule."
                                + " Confirmadas como fraude por supervisor el 24/11/2026 10:00 (hora de Lima).")
                .containsEntry("5.2.1", "analyst: Cliente no reconoce la operación, dice <no> haberla hecho")
                .containsEntry("6.2", RosDraft.TO_COMPLETE);
        RosDraft.Case oneDay = new RosDraft.Case(
                theCase.reference(),
                FILER,
                theCase.accounts(),
                theCase.decidedBy(),
                theCase.decidedAt(),
                theCase.operations().subList(1, 2),
                List.of());
        assertThat(fields(oneDay))
                .containsEntry("3.0.3", "24/11/2026")
                .hasEntrySatisfying(
                        "5.1",
                        summary -> assertThat(summary)
                                .startsWith("El 24/11/2026 se realizó 1 operación por un total de S/ 2,300.00"));
    }

    @Test
    void theCsvAndTheJsonHoldEveryFieldOfTheForm() {
        long formFields = fields(theCase).size();
        List<String> lines = RosDraft.csv(theCase, DRAFTED).lines().toList();
        assertThat(lines.get(0)).contains("BORRADOR");
        assertThat(lines.get(1)).isEqualTo("seccion,bloque,campo,descripcion,valor");
        assertThat(lines).hasSize((int) formFields + 2);
        assertThat(lines).contains("3. Operaciones,Operación 2,3.2.6,Monto equivalente en soles,2300.00");

        Map<String, Object> json = RosDraft.json(theCase, DRAFTED);
        assertThat(json).containsEntry("draft", true).containsEntry("reference", "Caso case-7");
        @SuppressWarnings("unchecked")
        long jsonFields = ((List<Map<String, Object>>) json.get("sections"))
                .stream()
                        .flatMap(s -> ((List<Map<String, Object>>) s.get("blocks")).stream())
                        .flatMap(b -> ((List<?>) b.get("fields")).stream())
                        .count();
        assertThat(jsonFields).isEqualTo(formFields);
    }

    @Test
    void thePrintablePageShowsTheSectionsAndEscapesTheNarrative() {
        String html = RosDraft.html(theCase, DRAFTED);
        assertThat(html)
                .contains(
                        "BORRADOR",
                        "1. Datos del sujeto obligado",
                        "6. Medidas adoptadas",
                        "Operación 2",
                        "S/ 2,400.00",
                        "24/11/2026 02:40",
                        "Caja Demo",
                        "dice &lt;no&gt; haberla hecho",
                        "class=\"todo\"");
    }

    @Test
    void markupInAnyFieldIsEscapedOnThePrintablePage() {
        String payload = "<img src=x onerror='window.__pwned=1'>\"&";
        RosDraft.Case hostile = new RosDraft.Case(
                payload,
                new PlatformConfig.Compliance(payload, null, payload),
                List.of(payload),
                payload,
                null,
                List.of(new RosDraft.Operation(
                        payload,
                        payload,
                        Instant.parse("2026-11-24T07:40:00Z"),
                        BigDecimal.ONE,
                        payload,
                        BigDecimal.ONE,
                        payload,
                        payload,
                        payload,
                        payload,
                        payload,
                        payload,
                        payload,
                        List.of(payload))),
                List.of(payload));
        String html = RosDraft.html(hostile, DRAFTED);
        assertThat(html)
                .doesNotContain("<img", "'window")
                .contains("&lt;img src=x onerror=&#39;window.__pwned=1&#39;&gt;&quot;&amp;");
    }
}
