package pe.centinela.app;

import java.io.UncheckedIOException;
import pe.centinela.core.config.ConfigException;
import picocli.CommandLine;

/** Turns failures into one clear line on standard error and an exit code; never a stack trace. */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {

    static final int CONFIG_ERROR = 3;
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        CommandLine.Help.ColorScheme colors = commandLine.getColorScheme();
        if (e instanceof ConfigException || e instanceof pe.centinela.core.mapping.MappingException) {
            commandLine.getErr().println(colors.errorText("error: " + e.getMessage()));
            return CONFIG_ERROR;
        }
        String message = e instanceof UncheckedIOException && e.getCause() != null
                ? e.getCause().getMessage()
                : e.getMessage();
        commandLine
                .getErr()
                .println(colors.errorText(
                        "error: " + (message == null ? e.getClass().getSimpleName() : message)));
        commandLine.getErr().println("(details are in the log)");
        org.slf4j.LoggerFactory.getLogger(UserErrors.class).warn("command failed", e);
        return FAILED;
    }
}
