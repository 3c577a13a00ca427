package pe.centinela.core.features;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * A small set that remembers the last {@code capacity} distinct values, forgetting the oldest first. It keeps 32-bit
 * fingerprints of the values, not the strings: an account's state is encoded for the changelog after every
 * transaction, and writing dozens of strings each time cost more than all the features together (measured with
 * {@code fraud bench pipeline --jfr}). A value never seen is taken for a known one with probability about
 * {@code capacity} × 2⁻³², once in 90 million lookups for the 48 merchants kept.
 */
final class RecentSet {

    private final int[] values;
    private int size;
    private int next;

    RecentSet(int capacity) {
        this.values = new int[capacity];
    }

    boolean contains(String value) {
        return value != null && containsFingerprint(fingerprint(value));
    }

    void add(String value) {
        if (value != null) {
            addFingerprint(fingerprint(value));
        }
    }

    private boolean containsFingerprint(int fingerprint) {
        for (int i = 0; i < size; i++) {
            if (values[i] == fingerprint) {
                return true;
            }
        }
        return false;
    }

    private void addFingerprint(int fingerprint) {
        if (containsFingerprint(fingerprint)) {
            return;
        }
        values[next] = fingerprint;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    /** {@link #fingerprint64} folded to 32 bits. */
    static int fingerprint(String value) {
        return fold(fingerprint64(value));
    }

    /** FNV-1a over the UTF-16 code units, then a finalizing mix so that similar ids spread over all bits. */
    static long fingerprint64(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** The 32-bit fingerprint of a 64-bit one, as the second state format stored them. */
    private static int fold(long fingerprint64) {
        return (int) (fingerprint64 ^ (fingerprint64 >>> 32));
    }

    void writeTo(ByteSink out) {
        out.writeVarLong(size);
        out.writeVarLong(next);
        for (int i = 0; i < size; i++) {
            out.writeInt(values[i]);
        }
    }

    void readCompact(DataInputStream in) throws IOException {
        int stored = ByteSink.readCount(in, values.length);
        next = ByteSink.readCount(in, values.length - 1);
        for (int i = 0; i < stored; i++) {
            values[i] = in.readInt();
        }
        size = stored;
    }

    /** Reads the second state format: sizes as four-byte integers, 64-bit fingerprints. */
    void readFixedWidth(DataInputStream in) throws IOException {
        int stored = in.readInt();
        int storedNext = in.readInt();
        if (stored < 0 || stored > values.length || storedNext < 0 || storedNext >= values.length) {
            throw new IOException(
                    "a recent set of " + stored + " values, next " + storedNext + ", where it holds " + values.length);
        }
        for (int i = 0; i < stored; i++) {
            values[i] = fold(in.readLong());
        }
        size = stored;
        next = storedNext;
    }

    /** Reads the first state format, which held the values themselves. */
    void readStringsFrom(DataInputStream in) throws IOException {
        int stored = in.readInt();
        int storedNext = in.readInt();
        for (int i = 0; i < stored; i++) {
            values[i] = fingerprint(in.readUTF());
        }
        size = stored;
        next = storedNext;
    }

    int size() {
        return size;
    }

    /** Whether the set may have forgotten a value: once full, each new value pushes out the oldest. */
    boolean full() {
        return size == values.length;
    }
}
