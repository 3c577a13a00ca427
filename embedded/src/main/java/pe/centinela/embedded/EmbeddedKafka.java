package pe.centinela.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka 4 broker in KRaft mode (broker and controller in one), inside this JVM, keeping its log
 * under a folder of the caller's. Listens on loopback only. Closed, it can be started again on the same ports and log,
 * so what it held survives.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;

    private final Path logDir;
    private final boolean portPicked;
    private int port;
    private int controllerPort;
    private boolean startedOnce;
    private KafkaRaftServer server;
    private SaslSslListener saslSsl;

    /** A second listener that takes TLS connections with this certificate and SCRAM-SHA-512 logins of one user. */
    private record SaslSslListener(int port, SelfSignedCertificate certificate, String user, String password) {}

    public EmbeddedKafka(Path logDir, int port) {
        this.logDir = logDir;
        this.portPicked = port == 0;
        this.port = FreePorts.pickIfZero(port);
        this.controllerPort = FreePorts.pick();
    }

    /**
     * Starts the broker. On its first start, a port it picked itself that some other server bound in the meantime is
     * picked again (the race {@link FreePorts} narrows but cannot close); a restart keeps its ports, as its clients
     * expect.
     */
    public EmbeddedKafka start() throws IOException {
        Files.createDirectories(logDir);
        format();
        for (int attempt = 1; ; attempt++) {
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties(), false), Time.SYSTEM);
            try {
                server.startup();
                startedOnce = true;
                return this;
            } catch (RuntimeException e) {
                server.shutdown();
                server.awaitShutdown();
                if (startedOnce || !portPicked || attempt == START_ATTEMPTS || !boundElsewhere(e)) {
                    throw e;
                }
                port = FreePorts.pick();
                controllerPort = FreePorts.pick();
            }
        }
    }

    private static boolean boundElsewhere(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Adds a SASL_SSL listener (TLS with {@code certificate}, SCRAM-SHA-512 login of {@code user}); call before the first
     * {@link #start()}, since SCRAM users are written when the log is formatted.
     */
    public EmbeddedKafka withSaslSsl(SelfSignedCertificate certificate, String user, String password) {
        saslSsl = new SaslSslListener(FreePorts.pick(), certificate, user, password);
        return this;
    }

    /** The SASL_SSL listener's address, by the name its certificate carries. */
    public String saslSslBootstrapServers() {
        return "localhost:" + saslSsl.port();
    }

    public Path logDir() {
        return logDir;
    }

    private void format() throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setIgnoreFormatted(true)
                    .setScramArguments(
                            saslSsl == null
                                    ? List.of()
                                    : List.of("SCRAM-SHA-512=[name=" + saslSsl.user() + ",password="
                                            + saslSsl.password() + "]"))
                    .run();
        } catch (Exception e) {
            throw new IOException("cannot format the Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (saslSsl != null) {
            addSaslSsl(p, saslSsl);
        }
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.hours", "48");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        return p;
    }

    private void addSaslSsl(Properties p, SaslSslListener listener) {
        p.put("listeners", p.get("listeners") + ",SASL_SSL://127.0.0.1:" + listener.port());
        p.put("advertised.listeners", p.get("advertised.listeners") + ",SASL_SSL://localhost:" + listener.port());
        p.put("listener.security.protocol.map", p.get("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put(
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put(
                "listener.name.sasl_ssl.ssl.keystore.location",
                listener.certificate().keyStore().toString());
        p.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        p.put(
                "listener.name.sasl_ssl.ssl.keystore.password",
                listener.certificate().storePassword());
        p.put("listener.name.sasl_ssl.ssl.key.password", listener.certificate().storePassword());
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
