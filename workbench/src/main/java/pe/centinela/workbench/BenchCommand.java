package pe.centinela.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import pe.centinela.app.FraudCommand;
import pe.centinela.app.PluggableCommand;
import pe.centinela.embedded.EmbeddedKafka;
import pe.centinela.embedded.ScratchDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fraud bench}: measurements on this machine, reported, never asserted. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure the platform on this machine.",
        subcommands = {
            BenchCommand.Import.class,
            pe.centinela.workbench.bench.ScoringBench.class,
            pe.centinela.workbench.bench.PipelineBench.class,
            pe.centinela.workbench.bench.SoakBench.class,
            pe.centinela.workbench.bench.DecisionsBench.class
        })
public final class BenchCommand implements Runnable, PluggableCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Imports a file into a broker started for the measurement, on the same machine. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description =
                    "Time 'fraud import' of FILE into an embedded Kafka broker started for the run (default: the shared Sparkov file).")
    static final class Import implements Callable<Integer> {

        @CommandLine.Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "FILE",
                description = "CSV file (default: ${DEFAULT-VALUE})",
                defaultValue = "${env:CENTINELA_SHARED_DATA:-../shared/data}/sparkov-1000cust-2019-2020.csv.gz")
        Path file;

        @Option(
                names = "--mapping",
                description = "mapping file (default: ${DEFAULT-VALUE})",
                defaultValue = "examples/mappings/sparkov.properties")
        Path mapping;

        @Override
        public Integer call() throws Exception {
            try (ScratchDirectory dir = ScratchDirectory.create("fraud-bench-import");
                    EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
                Path config = dir.resolve("bench.properties");
                Files.writeString(config, "kafka.bootstrap-servers=" + kafka.bootstrapServers() + "\n");
                List<String> args = new ArrayList<>(List.of(
                        "import", file.toString(), "--mapping", mapping.toString(), "--config", config.toString()));
                return FraudCommand.commandLine().execute(args.toArray(String[]::new));
            }
        }
    }
}
