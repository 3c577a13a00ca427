package pe.centinela.ingest.database;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.json.Json;
import pe.centinela.core.mapping.ColumnMapping;
import pe.centinela.core.quality.Intake;
import pe.centinela.ingest.IngestSink;
import pe.centinela.ingest.IntakeFactory;

/**
 * Polls a table of the business's database by an increasing key or timestamp. Each batch is checked, published, and
 * only then its last position saved, so a restart neither skips rows nor, thanks to the duplicate index, delivers
 * one twice. Deploy it as a worker verticle: JDBC blocks.
 */
public final class DatabaseSourceVerticle extends VerticleBase {

    public static final String SOURCE_KIND = "database";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSourceVerticle.class);

    private final PlatformConfig config;
    private final PipelineStats stats;
    private final Clock clock;
    private TablePoller poller;
    private IngestSink sink;
    private Intake intake;
    private ColumnMapping.Bound mapping;
    private ColumnMapping rawMapping;
    private PositionStore positions;
    private Pool pool;
    private String position;
    private volatile boolean running;
    private long timer = -1;

    public DatabaseSourceVerticle(PlatformConfig config, PipelineStats stats, Clock clock) {
        this.config = config;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public Future<?> start() throws Exception {
        PlatformConfig.DatabaseSource source = config.databaseSource();
        rawMapping = ColumnMapping.load(source.mappingFile(), List.of(), ColumnMapping.Options.defaults());
        poller = new TablePoller(source);
        intake = IntakeFactory.create(config.ingest(), clock);
        sink = new IngestSink(vertx, config, "ingest-database", stats);
        pool = Database.pool(vertx, config.postgres());
        positions = new PositionStore(pool);
        running = true;
        return positions.load(source.name()).onSuccess(saved -> {
            position = saved;
            LOG.info(
                    "polling {} of {} from position {}",
                    source.table(),
                    source.name(),
                    saved == null ? "the start" : saved);
            schedule(0);
        });
    }

    @Override
    public Future<?> stop() {
        running = false;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        poller.close();
        return sink.close().eventually(() -> pool.close());
    }

    private void schedule(long delayMs) {
        if (!running) {
            return;
        }
        if (delayMs == 0) {
            vertx.runOnContext(v -> poll());
        } else {
            timer = vertx.setTimer(delayMs, id -> poll());
        }
    }

    /**
     * A full batch may end inside a group of rows sharing one position (e.g. one timestamp), and rows beyond the batch
     * may share its last position: the rows at the last position are left for the next poll, which starts after the
     * previous position and so gets the whole group. A batch that is one group is kept whole (the batch size must
     * exceed the number of rows that share one position).
     */
    static List<TablePoller.Row> withoutTrailingTies(List<TablePoller.Row> rows) {
        String last = rows.get(rows.size() - 1).position();
        int firstOfGroup = rows.size() - 1;
        while (firstOfGroup > 0
                && java.util.Objects.equals(rows.get(firstOfGroup - 1).position(), last)) {
            firstOfGroup--;
        }
        return firstOfGroup == 0 ? rows : rows.subList(0, firstOfGroup);
    }

    private void poll() {
        PlatformConfig.DatabaseSource source = config.databaseSource();
        List<TablePoller.Row> rows;
        try {
            rows = poller.next(position);
        } catch (Exception e) {
            LOG.warn("polling {} failed, retrying in {}: {}", source.name(), source.pollInterval(), e.getMessage());
            schedule(source.pollInterval().toMillis());
            return;
        }
        if (rows.isEmpty()) {
            schedule(source.pollInterval().toMillis());
            return;
        }
        boolean full = rows.size() >= source.batchSize();
        if (full) {
            rows = withoutTrailingTies(rows);
        }
        SourceMetadata meta = new SourceMetadata(
                source.name(), SOURCE_KIND, null, clock.instant(), SourceMetadata.CURRENT_SCHEMA_VERSION);
        List<IngestSink.Item> items = new ArrayList<>(rows.size());
        for (TablePoller.Row row : rows) {
            if (mapping == null) {
                mapping = rawMapping.bind(row.header());
            }
            String raw = Json.toString(row.asMap());
            String location = source.positionColumn() + " " + row.position();
            ColumnMapping.Bound.Converted converted = mapping.convert(row.values());
            items.add(new IngestSink.Item(
                    intake.fromNode(converted.node(), converted.formatErrors(), raw, meta, location), raw, location));
        }
        String last = rows.get(rows.size() - 1).position();
        sink.publish(intake, meta, items)
                .compose(published -> positions.save(source.name(), last))
                .onSuccess(v -> {
                    position = last;
                    schedule(full ? 0 : source.pollInterval().toMillis());
                })
                .onFailure(e -> {
                    LOG.warn(
                            "publishing rows of {} failed, polling again from {}: {}",
                            source.name(),
                            position,
                            e.getMessage());
                    schedule(source.pollInterval().toMillis());
                });
    }
}
