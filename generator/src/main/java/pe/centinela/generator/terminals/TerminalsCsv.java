package pe.centinela.generator.terminals;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import pe.centinela.core.time.LimaTime;

/** The terminals data set's six CSV columns; times in Lima with their offset, amounts in soles with two decimals. */
final class TerminalsCsv {

    static final String HEADER = "transaction_id,timestamp,account_id,terminal_id,amount,fraud";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private TerminalsCsv() {}

    static void writeHeader(Writer writer) throws IOException {
        writer.write(HEADER);
        writer.write('\n');
    }

    static void writeRow(TerminalTransaction transaction, Writer writer) throws IOException {
        writer.write(transactionId(transaction.number()));
        writer.write(',');
        writer.write(timestamp(transaction.epochSecond()));
        writer.write(',');
        writer.write(accountId(transaction.account()));
        writer.write(',');
        writer.write(terminalId(transaction.terminal()));
        writer.write(',');
        writer.write(amount(transaction.cents()));
        writer.write(',');
        writer.write(transaction.fraud() ? '1' : '0');
        writer.write('\n');
    }

    static String transactionId(long number) {
        return String.format(Locale.ROOT, "tx-%010d", number);
    }

    static String accountId(int account) {
        return String.format(Locale.ROOT, "acct-%06d", account + 1);
    }

    static String terminalId(int terminal) {
        return String.format(Locale.ROOT, "term-%05d", terminal + 1);
    }

    static String timestamp(long epochSecond) {
        ZoneOffset offset = LimaTime.OFFSET;
        return LocalDateTime.ofEpochSecond(epochSecond, 0, offset)
                .atOffset(offset)
                .format(TIME);
    }

    static String amount(long cents) {
        long hundredths = cents % 100;
        return (cents / 100) + (hundredths < 10 ? ".0" : ".") + hundredths;
    }
}
