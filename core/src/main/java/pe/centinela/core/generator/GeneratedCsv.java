package pe.centinela.core.generator;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import pe.centinela.core.domain.Transaction;

/**
 * Writes generated transactions as CSV: one header line, then one line per transaction, fields quoted as RFC 4180
 * requires, timestamps as ISO-8601 UTC, empty fields for absent values. Lines end with {@code \n}.
 */
public final class GeneratedCsv {

    public static final List<String> HEADER = List.of(
            "transaction_id",
            "account_id",
            "amount",
            "currency",
            "original_amount",
            "original_currency",
            "timestamp",
            "merchant_id",
            "merchant_category_code",
            "channel",
            "device_id",
            "ip",
            "counterparty_account",
            "country",
            "fraud_label",
            "fraud_scenario");

    private static final String HEADER_LINE = String.join(",", HEADER) + "\n";

    private GeneratedCsv() {}

    public static void writeHeader(Appendable out) throws IOException {
        out.append(HEADER_LINE);
    }

    public static void writeRow(GeneratedTransaction row, Appendable out) throws IOException {
        Transaction t = row.transaction();
        field(t.transactionId(), out).append(',');
        field(t.accountId(), out).append(',');
        field(t.amount() == null ? null : t.amount().toPlainString(), out).append(',');
        field(t.currency(), out).append(',');
        field(t.originalAmount() == null ? null : t.originalAmount().toPlainString(), out)
                .append(',');
        field(t.originalCurrency(), out).append(',');
        field(t.timestamp() == null ? null : t.timestamp().toString(), out).append(',');
        field(t.merchantId(), out).append(',');
        field(t.merchantCategoryCode(), out).append(',');
        field(t.channel() == null ? null : t.channel().code(), out).append(',');
        field(t.deviceId(), out).append(',');
        field(t.ip(), out).append(',');
        field(t.counterpartyAccount(), out).append(',');
        field(t.country(), out).append(',');
        field(t.fraudLabel() == null ? null : t.fraudLabel().toString(), out).append(',');
        field(row.scenario().code(), out).append('\n');
    }

    /** Writes the header and then {@code count} rows taken from {@code rows}. */
    public static void write(Iterator<GeneratedTransaction> rows, long count, Appendable out) throws IOException {
        writeHeader(out);
        for (long i = 0; i < count && rows.hasNext(); i++) {
            writeRow(rows.next(), out);
        }
    }

    private static Appendable field(String value, Appendable out) throws IOException {
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
