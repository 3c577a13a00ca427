package pe.centinela.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_centinela_test";
    private static final String BODY = "{\"type\":\"alert.created\",\"alert\":{\"alert_id\":\"al-1\"}}";
    private static final Instant SENT = Instant.ofEpochSecond(1_700_000_000L);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void matchesAnHmacComputedElsewhere() {
        // printf '1700000000.<body>' | openssl dgst -sha256 -hmac whsec_centinela_test
        assertThat(WebhookSignature.header(SECRET, SENT, BODY))
                .isEqualTo("t=1700000000,v1=6dfe097b7bddf314503268baa9d364dce9218e440d9322e809106ba3806859c6");
    }

    @Test
    void aReceiverAcceptsWhatWasSignedWithTheSameSecret() {
        String header = WebhookSignature.header(SECRET, SENT, BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plusSeconds(30), TOLERANCE))
                .isTrue();
    }

    @Test
    void aChangedBodyOrAnotherSecretIsRefused() {
        String header = WebhookSignature.header(SECRET, SENT, BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY.replace("al-1", "al-2"), SENT, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify("another-secret", header, BODY, SENT, TOLERANCE))
                .isFalse();
    }

    @Test
    void aStaleOrFutureTimestampIsRefused() {
        String header = WebhookSignature.header(SECRET, SENT, BODY);
        assertThat(WebhookSignature.verify(
                        SECRET, header, BODY, SENT.plus(TOLERANCE).plusSeconds(1), TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        SECRET, header, BODY, SENT.minus(TOLERANCE).minusSeconds(1), TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plus(TOLERANCE), TOLERANCE))
                .isTrue();
    }

    @Test
    void aReplayedSignatureWithAMovedTimestampIsRefused() {
        String header = WebhookSignature.header(SECRET, SENT, BODY);
        String moved = header.replace("t=1700000000", "t=1700000100");
        assertThat(WebhookSignature.verify(SECRET, moved, BODY, SENT.plusSeconds(100), TOLERANCE))
                .isFalse();
    }

    @Test
    void anyOfSeveralSignaturesMayMatch() {
        String header = WebhookSignature.header(SECRET, SENT, BODY);
        String rotated = "t=1700000000,v1=" + "0".repeat(64) + "," + header.substring(header.indexOf("v1="));
        assertThat(WebhookSignature.verify(SECRET, rotated, BODY, SENT, TOLERANCE))
                .isTrue();
    }

    @Test
    void malformedHeadersAreRefused() {
        for (String header :
                new String[] {null, "", "garbage", "t=abc,v1=00", "v1=" + "0".repeat(64), "t=1700000000"}) {
            assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT, TOLERANCE))
                    .as(String.valueOf(header))
                    .isFalse();
        }
    }
}
