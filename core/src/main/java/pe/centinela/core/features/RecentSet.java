package pe.centinela.core.features;

import java.util.Arrays;

/** A small set that remembers the last {@code capacity} distinct values, forgetting the oldest first. */
final class RecentSet {

    private final String[] values;
    private int size;
    private int next;

    RecentSet(int capacity) {
        this.values = new String[capacity];
    }

    boolean contains(String value) {
        for (int i = 0; i < size; i++) {
            if (values[i].equals(value)) {
                return true;
            }
        }
        return false;
    }

    void add(String value) {
        if (value == null || contains(value)) {
            return;
        }
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(size);
        out.writeInt(next);
        for (int i = 0; i < size; i++) {
            out.writeUTF(values[i]);
        }
    }

    void readFrom(java.io.DataInputStream in) throws java.io.IOException {
        size = in.readInt();
        next = in.readInt();
        for (int i = 0; i < size; i++) {
            values[i] = in.readUTF();
        }
    }

    int size() {
        return size;
    }

    String[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
