package pe.centinela.core.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: quoted fields may hold delimiters, doubled quotes and line breaks. Tracks the line
 * each record starts on so errors can name it. Not thread-safe.
 */
public final class CsvReader implements AutoCloseable {

    /** One record: its fields, the line it starts on (1-based) and its raw text. */
    public record Row(String[] fields, long line, String raw) {}

    /** A record that cannot be read, e.g. a quote that never closes. */
    public static final class MalformedCsvException extends IOException {
        private final long line;
        private final int column;

        MalformedCsvException(String message, long line, int column) {
            super("line " + line + ", column " + column + ": " + message);
            this.line = line;
            this.column = column;
        }

        public long line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private final Reader in;
    private final char delimiter;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private final StringBuilder field = new StringBuilder(64);
    private final StringBuilder raw = new StringBuilder(256);
    private final List<String> fields = new ArrayList<>(32);

    public CsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    private int next() throws IOException {
        if (!filled()) {
            return -1;
        }
        char c = buffer[position++];
        raw.append(c);
        return c;
    }

    private int peek() throws IOException {
        return filled() ? buffer[position] : -1;
    }

    /** Whether a character is available, reading the next block when the buffer is used up. */
    private boolean filled() throws IOException {
        if (position < limit) {
            return true;
        }
        limit = Math.max(0, in.read(buffer, 0, buffer.length));
        position = 0;
        return limit > 0;
    }

    /** The next record, or {@code null} at the end of input. Blank lines are skipped. */
    public Row next(boolean keepRaw) throws IOException {
        while (true) {
            fields.clear();
            field.setLength(0);
            raw.setLength(0);
            long startLine = line;
            int c = next();
            if (c == -1) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                consumeLineEnd(c);
                continue;
            }
            boolean quoted = false;
            boolean fieldStarted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new MalformedCsvException("a quoted field never closes", startLine, fields.size() + 1);
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            next();
                            field.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == -1 || c == '\n' || c == '\r') {
                    fields.add(field.toString());
                    if (c != -1) {
                        consumeLineEnd(c);
                    }
                    String text = keepRaw ? raw.toString().stripTrailing() : null;
                    return new Row(fields.toArray(String[]::new), startLine, text);
                } else if (c == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                } else if (c == '"' && !fieldStarted) {
                    quoted = true;
                    fieldStarted = true;
                } else {
                    field.append((char) c);
                    fieldStarted = true;
                }
                c = next();
            }
        }
    }

    private void consumeLineEnd(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            next();
        }
        line++;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
