package pe.centinela.ingest.database;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pe.centinela.core.config.PlatformConfig;

/**
 * Reads the next rows of a table after a position, in position order, over plain JDBC (any database with a driver
 * on the class path). Blocking: use it from a worker thread. Table and column names come from validated
 * configuration; the position is always a bound parameter.
 */
final class TablePoller implements AutoCloseable {

    /** A fetched row: its values by column, as text (timestamps in ISO-8601), and its position. */
    record Row(String[] header, String[] values, String position) {
        Map<String, String> asMap() {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                map.put(header[i], values[i]);
            }
            return map;
        }
    }

    private final PlatformConfig.DatabaseSource source;
    private Connection connection;
    private int positionType = Types.NULL;

    TablePoller(PlatformConfig.DatabaseSource source) {
        this.source = source;
    }

    List<Row> next(String after) throws SQLException {
        Connection c = connection();
        String sql =
                "SELECT * FROM " + source.table() + (after == null ? "" : " WHERE " + source.positionColumn() + " > ?")
                        + " ORDER BY " + source.positionColumn();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setMaxRows(source.batchSize());
            if (after != null) {
                bindPosition(statement, after);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rows(rs);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(
                    source.jdbcUrl(), source.user(), source.password().value());
            connection.setReadOnly(true);
            try (PreparedStatement probe = connection.prepareStatement(
                            "SELECT " + source.positionColumn() + " FROM " + source.table() + " WHERE 1 = 0");
                    ResultSet rs = probe.executeQuery()) {
                positionType = columnType(rs.getMetaData(), 1);
            }
        }
        return connection;
    }

    private void bindPosition(PreparedStatement statement, String after) throws SQLException {
        switch (positionType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
                statement.setLong(1, Long.parseLong(after));
            case Types.NUMERIC, Types.DECIMAL -> statement.setBigDecimal(1, new BigDecimal(after));
            case Types.TIMESTAMP -> statement.setTimestamp(1, Timestamp.valueOf(LocalDateTime.parse(after)));
            case Types.TIMESTAMP_WITH_TIMEZONE -> statement.setObject(1, OffsetDateTime.parse(after));
            case Types.DATE -> statement.setObject(1, LocalDate.parse(after));
            default -> statement.setString(1, after);
        }
    }

    private List<Row> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        String[] header = new String[columns];
        int positionIndex = -1;
        for (int i = 0; i < columns; i++) {
            header[i] = meta.getColumnLabel(i + 1);
            if (header[i].equalsIgnoreCase(unqualified(source.positionColumn()))) {
                positionIndex = i;
            }
        }
        List<Row> rows = new ArrayList<>();
        while (rs.next()) {
            String[] values = new String[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = text(rs, i + 1, columnType(meta, i + 1));
            }
            rows.add(new Row(header, values, positionIndex < 0 ? null : values[positionIndex]));
        }
        return rows;
    }

    /** The JDBC type, with PostgreSQL's timestamptz (reported as TIMESTAMP) told apart from a zone-less timestamp. */
    private static int columnType(ResultSetMetaData meta, int column) throws SQLException {
        int type = meta.getColumnType(column);
        return type == Types.TIMESTAMP && "timestamptz".equalsIgnoreCase(meta.getColumnTypeName(column))
                ? Types.TIMESTAMP_WITH_TIMEZONE
                : type;
    }

    private static String unqualified(String column) {
        int dot = column.lastIndexOf('.');
        return dot < 0 ? column : column.substring(dot + 1);
    }

    private static String text(ResultSet rs, int column, int type) throws SQLException {
        return switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> instantText(rs.getObject(column, OffsetDateTime.class));
            case Types.TIMESTAMP -> localText(rs.getTimestamp(column));
            default -> rs.getString(column);
        };
    }

    private static String instantText(OffsetDateTime zoned) {
        return zoned == null ? null : zoned.toInstant().toString();
    }

    private static String localText(Timestamp local) {
        return local == null ? null : local.toLocalDateTime().toString();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being dropped anyway
            }
            connection = null;
        }
    }
}
