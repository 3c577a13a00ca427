package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What a measurement ran on, recorded beside its figures. */
final class Machine {

    private Machine() {}

    static JsonObject describe() {
        return new JsonObject()
                .put("cpu", cpuModel().orElse(System.getProperty("os.arch")))
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("memory_gb", Math.round(totalMemoryKb().orElse(0L) / 1024.0 / 1024.0))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static Optional<String> cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name")
                .map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    private static Optional<Long> totalMemoryKb() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal").map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")));
    }

    static Optional<String> procLine(Path file, String prefix) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
