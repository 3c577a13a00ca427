package pe.centinela.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;

class LinkWavesTest {

    private static final List<String> DEFAULT_LINKS = List.of("device", "counterparty");

    @Test
    void aBatchWithoutLinksIsOneWaveInItsOrder() {
        List<Alert> batch = List.of(
                alert("a1", "acc-a", "dev-a", null, Channel.ECOMMERCE),
                alert("b1", "acc-b", "dev-b", "acc-x", Channel.TRANSFER),
                alert("a2", "acc-a", "dev-a", null, Channel.ECOMMERCE));

        assertThat(LinkWaves.of(batch, DEFAULT_LINKS)).containsExactly(batch);
    }

    @Test
    void theMuleAndAnotherPayerOfItComeAfterTheAccountThatPaidItFirst() {
        Alert victim = alert("v1", "acc-victim", "dev-v", "acc-mule", Channel.TRANSFER);
        Alert mule = alert("m1", "acc-mule", "dev-m", "ext-cash", Channel.TRANSFER);
        Alert otherVictim = alert("v2", "acc-victim-2", "dev-w", "acc-mule", Channel.TRANSFER);

        assertThat(LinkWaves.of(List.of(victim, mule, otherVictim), DEFAULT_LINKS))
                .containsExactly(List.of(victim), List.of(mule, otherVictim));
    }

    @Test
    void aSharedOwnDeviceLinksAndAShopsTerminalDoesNot() {
        Alert first = alert("d1", "acc-d1", "ios-1", null, Channel.WALLET);
        Alert second = alert("d2", "acc-d2", "ios-1", null, Channel.ECOMMERCE);
        Alert atShop = alert("p1", "acc-p1", "pos-7", null, Channel.POS);
        Alert sameShop = alert("p2", "acc-p2", "pos-7", null, Channel.POS);

        assertThat(LinkWaves.of(List.of(first, second, atShop, sameShop), DEFAULT_LINKS))
                .containsExactly(List.of(first, atShop, sameShop), List.of(second));
    }

    @Test
    void linksSwitchedOffSplitNothing() {
        Alert first = alert("d1", "acc-d1", "ios-1", "acc-m", Channel.WALLET);
        Alert second = alert("d2", "acc-d2", "ios-1", "acc-m", Channel.WALLET);

        assertThat(LinkWaves.of(List.of(first, second), List.of())).containsExactly(List.of(first, second));
        assertThat(LinkWaves.of(List.of(first, second), List.of("ip"))).containsExactly(List.of(first, second));
    }

    @Test
    void aChainOfLinksTakesAWaveEach() {
        Alert a = alert("c1", "acc-c1", "dev-1", null, Channel.WALLET);
        Alert b = alert("c2", "acc-c2", "dev-1", "acc-c3", Channel.WALLET);
        Alert c = alert("c3", "acc-c3", "dev-3", null, Channel.WALLET);

        assertThat(LinkWaves.of(List.of(a, b, c), DEFAULT_LINKS)).containsExactly(List.of(a), List.of(b), List.of(c));
    }

    private static Alert alert(String id, String account, String device, String counterparty, Channel channel) {
        Transaction tx = new Transaction(
                id,
                account,
                BigDecimal.TEN,
                "PEN",
                BigDecimal.TEN,
                "PEN",
                Instant.parse("2026-12-01T10:00:00Z"),
                "m-1",
                "4829",
                channel,
                device,
                null,
                counterparty,
                "PE",
                null,
                null);
        return new Alert(Alert.idFor(id), tx, 0.99, 0.9, "v1", List.of(), Instant.parse("2026-12-01T10:00:01Z"));
    }
}
