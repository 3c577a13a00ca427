package pe.centinela.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An embedded PostgreSQL and Kafka broker under one folder, and the platform settings that point at them. */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafka kafka;
    private boolean started;

    /** Servers that keep their data through a crash of the machine (see {@link EmbeddedPostgresServer}). */
    public EmbeddedInfrastructure(Path dir, int postgresPort, int kafkaPort) {
        this(
                new EmbeddedPostgresServer(dir.resolve("postgres"), postgresPort),
                new EmbeddedKafka(dir.resolve("kafka"), kafkaPort));
    }

    private EmbeddedInfrastructure(EmbeddedPostgresServer postgres, EmbeddedKafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Both servers started on free ports, durable. */
    public static EmbeddedInfrastructure start(Path dir) throws IOException {
        return started(new EmbeddedInfrastructure(dir, 0, 0));
    }

    /** Both servers started on free ports, the database {@link EmbeddedPostgresServer#forTests not durable}: for tests and benchmarks. */
    public static EmbeddedInfrastructure startForTests(Path dir) throws IOException {
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(
                EmbeddedPostgresServer.forTests(dir.resolve("postgres"), 0),
                new EmbeddedKafka(dir.resolve("kafka"), 0));
        return started(infrastructure);
    }

    private static EmbeddedInfrastructure started(EmbeddedInfrastructure infrastructure) throws IOException {
        infrastructure.startPostgres();
        infrastructure.startKafka();
        return infrastructure;
    }

    public void startPostgres() throws IOException {
        postgres.start();
        started = true;
    }

    public void startKafka() throws IOException {
        kafka.start();
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** Settings keys of the platform configuration that reach these servers. */
    public Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        s.putAll(postgres.settings());
        return s;
    }

    @Override
    public void close() throws IOException {
        try {
            kafka.close();
        } finally {
            if (started) {
                postgres.close();
            }
        }
    }
}
