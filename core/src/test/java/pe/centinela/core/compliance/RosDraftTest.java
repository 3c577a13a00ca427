package pe.centinela.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosDraftTest {

    private final RosDraft.Case theCase = new RosDraft.Case(
            "Caso case-7",
            "Caja Demo",
            "acc-000801",
            "supervisor",
            Instant.parse("2026-11-24T15:00:00Z"),
            List.of(new RosDraft.Operation(
                    "tx-1",
                    Instant.parse("2026-11-24T07:40:00Z"),
                    new BigDecimal("2300.00"),
                    "PEN",
                    new BigDecimal("2300.00"),
                    "transfer",
                    "m-1",
                    "4829",
                    "acc-mule",
                    List.of("first payment to beneficiary ****mule", "02:40 in Lima, at night"))),
            List.of("Cliente no reconoce la operación, dice <no> haberla hecho"));

    @Test
    void theCsvIsMarkedAsADraftAndHoldsOneRowPerOperation() {
        List<String> lines = theCase.operations().isEmpty()
                ? List.of()
                : RosDraft.csv(theCase).lines().toList();
        assertThat(lines.get(0)).contains("BORRADOR");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2))
                .contains(
                        "24/11/2026 02:40",
                        "2300.00",
                        "acc-mule",
                        "\"first payment to beneficiary ****mule; 02:40 in Lima, at night\"");
    }

    @Test
    void thePrintablePageShowsAmountsInSolesTimesInLimaAndEscapesTheNarrative() {
        String html = RosDraft.html(theCase);
        assertThat(html)
                .contains(
                        "BORRADOR",
                        "S/ 2,300.00",
                        "24/11/2026 02:40",
                        "Caja Demo",
                        "Caso case-7",
                        "dice &lt;no&gt; haberla hecho",
                        "24/11/2026 10:00");
    }

    @Test
    void markupInAnyFieldIsEscapedOnThePrintablePage() {
        String payload = "<img src=x onerror='window.__pwned=1'>\"&";
        RosDraft.Case hostile = new RosDraft.Case(
                payload,
                payload,
                payload,
                payload,
                null,
                List.of(new RosDraft.Operation(
                        payload,
                        Instant.parse("2026-11-24T07:40:00Z"),
                        BigDecimal.ONE,
                        "PEN",
                        BigDecimal.ONE,
                        payload,
                        payload,
                        payload,
                        payload,
                        List.of(payload))),
                List.of(payload));
        String html = RosDraft.html(hostile);
        assertThat(html)
                .doesNotContain("<img", "'window")
                .contains("&lt;img src=x onerror=&#39;window.__pwned=1&#39;&gt;&quot;&amp;");
    }
}
