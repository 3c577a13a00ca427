package pe.centinela.app;

import java.nio.file.Path;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fraud} command: entry point of every subcommand. The production commands are declared here; the
 * workbench module adds {@code demo} and {@code bench} as {@link PluggableCommand}s when it is on the class path.
 */
@Command(
        name = "fraud",
        mixinStandardHelpOptions = true,
        versionProvider = FraudCommand.Version.class,
        description = "Centinela: real-time fraud detection for businesses in Peru.",
        subcommands = {
            RunCommand.class,
            GenerateCommand.class,
            ImportCommand.class,
            ImportLabelsCommand.class,
            TrainCommand.class,
            BacktestCommand.class,
            ModelsCommand.class,
            RulesCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FraudCommand implements Runnable {

    public static final String LOG_DIR_PROPERTY = "fraud.log.dir";
    private static final String WORKBENCH_ONLY = "demo";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null && !isRun(args)) {
            System.setProperty("logback.configurationFile", "logback-cli.xml");
        }
        if (System.getProperty(LOG_DIR_PROPERTY) == null) {
            System.setProperty(
                    LOG_DIR_PROPERTY,
                    logDirectory(args, Path.of(System.getProperty("user.home"))).toString());
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * Where the log goes: beside a demo's data when {@code --data-dir} names it (so one directory holds a demo's all),
     * else {@code ~/.centinela/logs}. Read before the command line is parsed, since logging starts before that.
     */
    static Path logDirectory(String[] args, Path home) {
        if (args.length > 0 && WORKBENCH_ONLY.equals(args[0])) {
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--data-dir=")) {
                    return Path.of(args[i].substring("--data-dir=".length()), "logs");
                }
                if (args[i].equals("--data-dir") && i + 1 < args.length) {
                    return Path.of(args[i + 1], "logs");
                }
            }
        }
        return home.resolve(".centinela").resolve("logs");
    }

    private static boolean isRun(String[] args) {
        return args.length > 0 && "run".equals(args[0]);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FraudCommand());
        for (PluggableCommand command : ServiceLoader.load(PluggableCommand.class)) {
            cli.addSubcommand(command);
        }
        CommandLine.IParameterExceptionHandler usageErrors = cli.getParameterExceptionHandler();
        return cli.setExecutionExceptionHandler(new UserErrors())
                .setParameterExceptionHandler((error, args) -> {
                    if (cli.getSubcommands().get(WORKBENCH_ONLY) == null
                            && args.length > 0
                            && WORKBENCH_ONLY.equals(args[0])) {
                        error.getCommandLine()
                                .getErr()
                                .println("error: 'fraud demo' is not part of this production build (its image carries"
                                        + " no embedded Kafka or PostgreSQL); run ./fraud demo from a source checkout");
                        return 2;
                    }
                    return usageErrors.handleParseException(error, args);
                })
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
