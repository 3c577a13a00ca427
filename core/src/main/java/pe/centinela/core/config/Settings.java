package pe.centinela.core.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Flat key/value settings: a properties file overridden by environment variables. The key
 * {@code kafka.bootstrap-servers} is overridden by {@code FRAUD_KAFKA_BOOTSTRAP_SERVERS}. Every typed getter
 * reports a bad value with a {@link ConfigException} naming the key; {@link #requireAllUsed()} rejects keys
 * in the file that nothing reads, so a typo does not go unnoticed.
 */
public final class Settings {

    public static final String ENV_PREFIX = "FRAUD_";

    private final Map<String, String> fileValues;
    private final Map<String, String> env;
    private final Set<String> used = new HashSet<>();

    public Settings(Map<String, String> fileValues, Map<String, String> env) {
        this.fileValues = new TreeMap<>(fileValues);
        this.env = Map.copyOf(env);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values, Map.of());
    }

    /** Reads a properties file (absent file: empty) and takes overrides from {@code env}. */
    public static Settings load(Path file, Map<String, String> env) {
        Map<String, String> values = new TreeMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config-file", "no such file: " + file);
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("config-file", "cannot read " + file + ": " + e.getMessage());
            }
            properties
                    .stringPropertyNames()
                    .forEach(k -> values.put(k, properties.getProperty(k).trim()));
        }
        return new Settings(values, env);
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private String raw(String key) {
        used.add(key);
        String fromEnv = env.get(envName(key));
        if (fromEnv != null) {
            return fromEnv.trim();
        }
        return fileValues.get(key);
    }

    public String string(String key) {
        String value = raw(key);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(key, "is required but not set");
        }
        return value;
    }

    public String string(String key, String fallback) {
        String value = raw(key);
        return value == null || value.isEmpty() ? fallback : value;
    }

    public Secret secret(String key) {
        return new Secret(string(key));
    }

    public Secret secret(String key, String fallback) {
        return new Secret(string(key, fallback));
    }

    public int integer(String key, int fallback, int min, int max) {
        String value = raw(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected a whole number but got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + " but is " + parsed);
        }
        return parsed;
    }

    public double decimal(String key, double fallback, double min, double max) {
        String value = raw(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected a number but got '" + value + "'");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new ConfigException(key, "must be between " + min + " and " + max + " but is " + value);
        }
        return parsed;
    }

    /** One of {@code allowed} (case-insensitive), or {@code fallback} when unset. */
    public String choice(String key, String fallback, java.util.List<String> allowed) {
        String value = raw(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new ConfigException(
                    key, "expected one of " + String.join(", ", allowed) + " but got '" + value + "'");
        }
        return lower;
    }

    public boolean bool(String key, boolean fallback) {
        String value = raw(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key, "expected true or false but got '" + value + "'");
        };
    }

    /** A duration as ISO-8601 ({@code PT5S}) or a number with a unit: {@code 250ms}, {@code 5s}, {@code 10m}, {@code 2h}, {@code 7d}. */
    public Duration duration(String key, Duration fallback) {
        String value = raw(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ConfigException(
                    key, "expected a duration such as 250ms, 5s, 10m, 2h, 7d or PT5S but got '" + value + "'");
        }
    }

    /** As {@link #duration(String, Duration)}, refusing values outside {@code [min, max]}. */
    public Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Duration parsed = duration(key, fallback);
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new ConfigException(
                    key, "must be between " + format(min) + " and " + format(max) + " but is " + raw(key));
        }
        return parsed;
    }

    /** An absolute http or https URL, or the empty string when not set. */
    public String httpUrl(String key) {
        String value = string(key, "");
        if (value.isEmpty()) {
            return value;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme =
                uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException(
                    key, "expected an http or https URL such as https://example.pe/hooks but got '" + value + "'");
        }
        return value;
    }

    /** A readable file, or null when not set. */
    public Path file(String key) {
        String value = string(key, "");
        if (value.isEmpty()) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(key, "no such file: " + value);
        }
        if (!Files.isReadable(path)) {
            throw new ConfigException(key, "cannot read " + value + " (permissions)");
        }
        return path;
    }

    private static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 60_000 == 0 && ms > 0 ? ms / 60_000 + "m" : ms % 1000 == 0 && ms > 0 ? ms / 1000 + "s" : ms + "ms";
    }

    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        int split = 0;
        while (split < v.length() && Character.isDigit(v.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException(value);
        }
        long amount = Long.parseLong(v.substring(0, split));
        return switch (v.substring(split).trim()) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException(value);
        };
    }

    /** The keys read so far: after {@link PlatformConfig#from}, every key the platform knows. */
    public Set<String> readKeys() {
        return Set.copyOf(used);
    }

    /** Fails when the file holds keys that no component read. Call after the whole config was parsed. */
    public void requireAllUsed() {
        Set<String> unknown = new TreeSet<>(fileValues.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new ConfigException(
                    first,
                    "unknown key" + (unknown.size() > 1 ? " (also unknown: " + String.join(", ", unknown) + ")" : "")
                            + "; known keys: " + String.join(", ", new TreeSet<>(used)));
        }
    }
}
