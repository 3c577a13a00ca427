package pe.centinela.core.features;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growing byte array that account states are encoded into, in {@link java.io.DataOutputStream}'s big-endian layout
 * (so {@link java.io.DataInputStream} reads it back), each value written in one store: a state is encoded for the
 * changelog after every transaction, and the stream's byte-by-byte writes behind its locks cost more than the features
 * (measured with {@code fraud bench pipeline --jfr}).
 */
final class ByteSink {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buffer;
    private int size;

    ByteSink(int capacity) {
        buffer = new byte[capacity];
    }

    void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    void writeInt(int v) {
        ensure(Integer.BYTES);
        INT.set(buffer, size, v);
        size += Integer.BYTES;
    }

    void writeLong(long v) {
        ensure(Long.BYTES);
        LONG.set(buffer, size, v);
        size += Long.BYTES;
    }

    void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
