package pe.centinela.core.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The ISO 18245 merchant category codes the platform accepts, with their descriptions. */
public final class MerchantCategoryCodes {

    private static final Map<String, String> CODES = load();

    private MerchantCategoryCodes() {}

    public static boolean isKnown(String code) {
        return description(code).isPresent();
    }

    public static Optional<String> description(String code) {
        if (code == null || code.length() != 4) {
            return Optional.empty();
        }
        String known = CODES.get(code);
        if (known != null) {
            return Optional.of(known);
        }
        int n;
        try {
            n = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (n >= 3000 && n <= 3299) {
            return Optional.of("Airline");
        }
        if (n >= 3351 && n <= 3441) {
            return Optional.of("Car rental agency");
        }
        if (n >= 3501 && n <= 3999) {
            return Optional.of("Hotel or resort");
        }
        return Optional.empty();
    }

    private static Map<String, String> load() {
        Map<String, String> codes = new HashMap<>();
        try (InputStream in = MerchantCategoryCodes.class.getResourceAsStream("mcc-codes.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                codes.put(line.substring(0, tab), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(codes);
    }
}
