package pe.centinela.core.mapping;

/** A column mapping that cannot work with the file at hand; the message says which entry and why. */
public final class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }
}
