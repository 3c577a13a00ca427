package pe.centinela.core.features;

import java.io.DataInput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growing byte array that account states are encoded into, in {@link java.io.DataOutputStream}'s big-endian layout
 * (so {@link java.io.DataInputStream} reads it back), each value written in one store: a state is encoded for the
 * changelog after every transaction, and the stream's byte-by-byte writes behind its locks cost more than the features
 * (measured with {@code fraud bench pipeline --jfr}). Counts and times go as variable-length integers (seven bits a
 * byte, low bits first), read back by {@link #readVarLong}.
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

    void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
    }

    /** A signed value as a variable-length integer, small magnitudes of either sign in few bytes. */
    void writeZigZag(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    static long readVarLong(DataInput in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("a variable-length integer longer than 10 bytes");
    }

    static long readZigZag(DataInput in) throws IOException {
        long v = readVarLong(in);
        return (v >>> 1) ^ -(v & 1);
    }

    /** A count read from a state, refused when it is negative or above {@code max}, so a corrupt state fails before it allocates. */
    static int readCount(DataInput in, int max) throws IOException {
        long count = readVarLong(in);
        if (count < 0 || count > max) {
            throw new IOException("a count of " + count + " where at most " + max + " can be");
        }
        return (int) count;
    }

    void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    /** Empties the sink, keeping its array for the next value. */
    void clear() {
        size = 0;
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
