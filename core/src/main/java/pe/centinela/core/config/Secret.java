package pe.centinela.core.config;

/** A secret value that never prints itself. */
public record Secret(String value) {

    @Override
    public String toString() {
        return value == null || value.isEmpty() ? "(empty)" : "******";
    }
}
