package pe.centinela.core.features;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * A small set that remembers the last {@code capacity} distinct values, forgetting the oldest first. It keeps 64-bit
 * fingerprints of the values, not the strings: an account's state is encoded for the changelog after every
 * transaction, and writing dozens of strings each time cost more than all the features together (measured with
 * {@code fraud bench pipeline --jfr}). Two distinct values share a fingerprint with probability about 2⁻⁶⁴.
 */
final class RecentSet {

    private final long[] values;
    private int size;
    private int next;

    RecentSet(int capacity) {
        this.values = new long[capacity];
    }

    boolean contains(String value) {
        return value != null && containsFingerprint(fingerprint(value));
    }

    void add(String value) {
        if (value != null) {
            addFingerprint(fingerprint(value));
        }
    }

    private boolean containsFingerprint(long fingerprint) {
        for (int i = 0; i < size; i++) {
            if (values[i] == fingerprint) {
                return true;
            }
        }
        return false;
    }

    private void addFingerprint(long fingerprint) {
        if (containsFingerprint(fingerprint)) {
            return;
        }
        values[next] = fingerprint;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    /** FNV-1a over the UTF-16 code units, then a finalizing mix so that similar ids spread over all bits. */
    static long fingerprint(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    void writeTo(ByteSink out) {
        out.writeInt(size);
        out.writeInt(next);
        for (int i = 0; i < size; i++) {
            out.writeLong(values[i]);
        }
    }

    void readFrom(DataInputStream in) throws IOException {
        size = in.readInt();
        next = in.readInt();
        for (int i = 0; i < size; i++) {
            values[i] = in.readLong();
        }
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
}
