package pe.centinela.scoring;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The settings that change without a restart: a properties file (an operator's ConfigMap, mounted), read on each refresh. */
final class RuntimeFile {

    private RuntimeFile() {}

    /** Its settings; none when no file is configured. A configured file that is missing or unreadable is an error. */
    static Map<String, String> read(Path file) throws IOException {
        if (file.toString().isEmpty()) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IOException("the runtime file " + file + " (runtime.file) does not exist");
        }
        Map<String, String> settings = new TreeMap<>();
        properties.forEach((k, v) -> settings.put(k.toString(), v.toString()));
        return settings;
    }
}
