package pe.centinela.core.features;

/**
 * One entry of the feature catalogue.
 *
 * @param name        stable name, also the column name in exports
 * @param type        numeric, flag (0/1) or one-hot
 * @param description what the value is, in plain words
 * @param pattern     the fraud pattern it helps to catch
 */
public record FeatureSpec(String name, Type type, String description, String pattern) {

    public enum Type {
        NUMERIC,
        FLAG,
        ONE_HOT
    }
}
