package pe.centinela.alerts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.json.Json;

/**
 * Writes a batch of scored transactions into the history with PostgreSQL's {@code COPY}: one statement streamed as
 * text, with no plan, no parameters and no arrays for the server to unpack. {@code COPY} cannot skip a row that is
 * already there, so a batch that repeats one (Kafka hands a batch over again after a crash or a rebalance) is refused
 * whole with a unique violation, writes nothing, and {@link #copy} says so: the caller then stores it with the
 * idempotent insert. Blocking: used from a worker thread, one batch at a time, on a JDBC connection of its own that is
 * opened again after any failure.
 */
final class HistoryCopy implements AutoCloseable {

    static final String COPY = "COPY scored_transactions (transaction_id, account_id, tx_time, amount, currency,"
            + " amount_pen, merchant_id, mcc, channel, score, model_version, alert, scored_at, shadow_version,"
            + " shadow_score, shadow_alert, review, decision, rule_hits, device_id, ip, counterparty_account)"
            + " FROM STDIN";

    private static final String UNIQUE_VIOLATION = "23505";

    private final PlatformConfig.Postgres postgres;
    private Connection connection;

    HistoryCopy(PlatformConfig.Postgres postgres) {
        this.postgres = postgres;
    }

    /** Copies every row of the batch; false, with nothing written, when one of them is already in the history. */
    boolean copy(List<ScoreRecord> scores) throws SQLException, IOException {
        try {
            connection().unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(rows(scores)));
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            close();
            throw e;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(
                    postgres.jdbcUrl(), postgres.user(), postgres.password().value());
            connection.setAutoCommit(true);
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a connection that failed is dropped either way
            }
            connection = null;
        }
    }

    /** The rows in COPY's text format: tab-separated columns, {@code \N} for null, one line each. */
    static byte[] rows(List<ScoreRecord> scores) {
        StringBuilder out = new StringBuilder(scores.size() * 256);
        for (ScoreRecord s : scores) {
            text(out, s.transactionId()).append('\t');
            text(out, s.accountId()).append('\t');
            text(out, s.timestamp().toString()).append('\t');
            text(out, s.originalAmount() == null ? null : s.originalAmount().toPlainString())
                    .append('\t');
            text(out, s.originalCurrency()).append('\t');
            text(out, s.amountPen() == null ? null : s.amountPen().toPlainString())
                    .append('\t');
            text(out, s.merchantId()).append('\t');
            text(out, s.merchantCategoryCode()).append('\t');
            text(out, s.channel() == null ? null : s.channel().code()).append('\t');
            out.append(s.score()).append('\t');
            text(out, s.modelVersion()).append('\t');
            out.append(s.alert() ? 't' : 'f').append('\t');
            text(out, s.scoredAt().toString()).append('\t');
            text(out, s.shadowVersion()).append('\t');
            text(out, s.shadowScore() == null ? null : s.shadowScore().toString())
                    .append('\t');
            text(out, s.shadowAlert() == null ? null : s.shadowAlert() ? "t" : "f")
                    .append('\t');
            out.append(s.review() ? 't' : 'f').append('\t');
            text(out, s.decision().code()).append('\t');
            text(out, s.rules().isEmpty() ? null : Json.toString(s.rules())).append('\t');
            text(out, s.deviceId()).append('\t');
            text(out, s.ip()).append('\t');
            text(out, s.counterpartyAccount()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One column: {@code \N} for null, and the backslash, tab, newline and carriage return escaped as COPY reads them. */
    private static StringBuilder text(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
