package pe.centinela.generator;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import pe.centinela.core.csv.CsvWriter;
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
        CsvWriter.cell(out, t.transactionId()).append(',');
        CsvWriter.cell(out, t.accountId()).append(',');
        CsvWriter.cell(out, t.amount() == null ? null : t.amount().toPlainString())
                .append(',');
        CsvWriter.cell(out, t.currency()).append(',');
        CsvWriter.cell(
                        out,
                        t.originalAmount() == null ? null : t.originalAmount().toPlainString())
                .append(',');
        CsvWriter.cell(out, t.originalCurrency()).append(',');
        CsvWriter.cell(out, t.timestamp() == null ? null : t.timestamp().toString())
                .append(',');
        CsvWriter.cell(out, t.merchantId()).append(',');
        CsvWriter.cell(out, t.merchantCategoryCode()).append(',');
        CsvWriter.cell(out, t.channel() == null ? null : t.channel().code()).append(',');
        CsvWriter.cell(out, t.deviceId()).append(',');
        CsvWriter.cell(out, t.ip()).append(',');
        CsvWriter.cell(out, t.counterpartyAccount()).append(',');
        CsvWriter.cell(out, t.country()).append(',');
        CsvWriter.cell(out, t.fraudLabel() == null ? null : t.fraudLabel().toString())
                .append(',');
        CsvWriter.cell(out, row.scenario().code()).append('\n');
    }

    /** Writes the header and then {@code count} rows taken from {@code rows}. */
    public static void write(Iterator<GeneratedTransaction> rows, long count, Appendable out) throws IOException {
        writeHeader(out);
        for (long i = 0; i < count && rows.hasNext(); i++) {
            writeRow(rows.next(), out);
        }
    }
}
