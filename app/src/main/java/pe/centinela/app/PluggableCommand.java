package pe.centinela.app;

/**
 * A subcommand that a module above {@code app} adds to {@code fraud} when it is on the class path, found with
 * {@link java.util.ServiceLoader}: the workbench's {@code demo} and {@code bench}, which need embedded
 * infrastructure the production image does not carry. An implementation is a picocli {@code @Command} with a public
 * no-argument constructor, listed in {@code META-INF/services/pe.centinela.app.PluggableCommand}.
 */
public interface PluggableCommand {}
