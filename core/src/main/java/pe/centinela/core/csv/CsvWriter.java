package pe.centinela.core.csv;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one way the platform writes a CSV cell: RFC 4180 (a value holding a comma, a quote or a line break goes in
 * quotes, its quotes doubled; null is empty), as {@link CsvReader} reads it back. Files people open in a spreadsheet
 * (dead-letter reports, draft ROS) take {@link #spreadsheetCell}, which also keeps a formula from running.
 *
 * <p>Our own rather than Commons CSV or FastCSV: {@code core} depends on nothing but the JDK and Jackson, and the
 * generator writes millions of rows through {@link #cell(Appendable, String)} without allocating per cell.
 */
public final class CsvWriter {

    private CsvWriter() {}

    /** Appends {@code value} to {@code out} as one cell. */
    public static Appendable cell(Appendable out, String value) throws IOException {
        if (value == null) {
            return out;
        }
        if (!needsQuotes(value)) {
            return out.append(value);
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }

    public static String cell(String value) {
        try {
            return cell(new StringBuilder(), value).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cell for a file a person opens in a spreadsheet: text that would be read as a formula ({@code =}, {@code +},
     * {@code -}, {@code @}, tab or carriage return first) gets a leading apostrophe, so an id a fraudster chose cannot
     * run on the analyst's or compliance officer's machine.
     */
    public static String spreadsheetCell(String value) {
        if (value == null) {
            return "";
        }
        return cell(!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value);
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
