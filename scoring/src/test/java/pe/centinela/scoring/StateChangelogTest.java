package pe.centinela.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import pe.centinela.core.features.AccountState;

class StateChangelogTest {

    private static byte[] value(long offset, byte[] state) {
        return ByteBuffer.allocate(Long.BYTES + state.length)
                .putLong(offset)
                .put(state)
                .array();
    }

    @Test
    void aWrittenStateIsReadBackWithItsOffset() {
        byte[] state = new AccountState().encode();
        StateChangelog.Restored restored = StateChangelog.read(value(42, state));
        assertThat(restored).isNotNull();
        assertThat(restored.offset()).isEqualTo(42);
        assertThat(restored.state()).isEqualTo(state);
    }

    @Test
    void aValueHoldingNoReadableStateIsNotRestored() {
        assertThat(StateChangelog.read(new byte[] {1, 2, 3})).isNull();
        assertThat(StateChangelog.read(value(7, new byte[0]))).isNull();
        assertThat(StateChangelog.read(value(7, "{\"garbage\":true}".getBytes(StandardCharsets.UTF_8))))
                .isNull();
        byte[] truncated = new AccountState().encode();
        assertThat(StateChangelog.read(value(7, java.util.Arrays.copyOf(truncated, truncated.length / 2))))
                .isNull();
    }
}
