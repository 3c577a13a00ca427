package pe.centinela.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the money moved. */
public enum Channel {
    POS,
    ECOMMERCE,
    ATM,
    TRANSFER,
    WALLET;

    private final String code = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String code() {
        return code;
    }

    /** Parses a channel code case-insensitively; throws {@link IllegalArgumentException} naming the allowed codes. */
    @JsonCreator
    public static Channel fromCode(String code) {
        for (Channel channel : values()) {
            if (channel.code().equalsIgnoreCase(code.trim())) {
                return channel;
            }
        }
        throw new IllegalArgumentException(
                "unknown channel '" + code + "', expected one of pos, ecommerce, atm, transfer, wallet");
    }
}
