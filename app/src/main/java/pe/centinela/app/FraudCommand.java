package pe.centinela.app;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fraud} command: entry point of every subcommand. */
@Command(
        name = "fraud",
        mixinStandardHelpOptions = true,
        versionProvider = FraudCommand.Version.class,
        description = "Centinela: real-time fraud detection for businesses in Peru.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            GenerateCommand.class,
            ImportCommand.class,
            ImportLabelsCommand.class,
            TrainCommand.class,
            BacktestCommand.class,
            ModelsCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FraudCommand implements Runnable {

    static final String LOG_DIR_PROPERTY = "fraud.log.dir";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null && !isRun(args)) {
            System.setProperty("logback.configurationFile", "logback-cli.xml");
        }
        if (System.getProperty(LOG_DIR_PROPERTY) == null) {
            System.setProperty(
                    LOG_DIR_PROPERTY,
                    Path.of(System.getProperty("user.home"), ".centinela", "logs")
                            .toString());
        }
        System.exit(commandLine().execute(args));
    }

    private static boolean isRun(String[] args) {
        return args.length > 0 && "run".equals(args[0]);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new FraudCommand())
                .setExecutionExceptionHandler(new UserErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Prints the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FraudCommand.class.getPackage().getImplementationVersion();
            return new String[] {"fraud " + (version == null ? "development build" : version)};
        }
    }
}
