package pe.centinela.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for an embedded broker, database and logs (a benchmark's, a test's), deleted when the benchmark ends or is interrupted. */
public final class ScratchDirectory implements AutoCloseable {
    private final Path path;
    private final Thread onInterrupt;

    private ScratchDirectory(Path path) {
        this.path = path;
        this.onInterrupt = new Thread(this::delete, "delete " + path.getFileName());
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    public static ScratchDirectory create(String prefix) throws IOException {
        return new ScratchDirectory(Files.createTempDirectory(prefix));
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            return;
        }
        delete();
    }

    private void delete() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
