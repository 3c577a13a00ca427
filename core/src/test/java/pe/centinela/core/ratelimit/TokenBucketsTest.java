package pe.centinela.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong();
    private final TokenBuckets limits = new TokenBuckets(2, 3, 100, now::get);

    @Test
    void aBurstIsAllowedThenRequestsWaitForTheRefill() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.take("10.0.0.1").allowed()).isTrue();
        }
        TokenBuckets.Decision refused = limits.take("10.0.0.1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        now.addAndGet(500_000_000L);
        assertThat(limits.take("10.0.0.1").allowed()).isTrue();
        assertThat(limits.take("10.0.0.1").allowed()).isFalse();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limits.take("a");
        }
        assertThat(limits.take("a").allowed()).isFalse();
        assertThat(limits.take("b").allowed()).isTrue();
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurst() {
        now.addAndGet(3_600_000_000_000L);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += limits.take("idle").allowed() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(3);
    }
}
