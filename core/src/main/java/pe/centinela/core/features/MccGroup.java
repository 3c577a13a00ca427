package pe.centinela.core.features;

import java.util.Map;

/**
 * Merchant category codes (ISO 18245) grouped by fraud exposure. The encoding scheme is a one-hot of these groups;
 * codes not listed fall into {@link #OTHER}.
 */
public enum MccGroup {
    EVERYDAY("groceries, pharmacies, restaurants, fuel, transport"),
    RETAIL("department stores, clothing, cosmetics, home"),
    HIGH_VALUE("electronics and jewellery, resold easily"),
    TRAVEL("travel agencies, airlines, hotels"),
    CASH("ATM cash withdrawals"),
    MONEY_TRANSFER("transfers and wallet payments to other people"),
    GAMBLING("betting and casinos"),
    DIGITAL_AND_BILLS("telecom, utilities, digital goods"),
    OTHER("any other code");

    private static final Map<String, MccGroup> BY_CODE = Map.ofEntries(
            Map.entry("5411", EVERYDAY),
            Map.entry("5412", EVERYDAY),
            Map.entry("5499", EVERYDAY),
            Map.entry("5541", EVERYDAY),
            Map.entry("5542", EVERYDAY),
            Map.entry("5812", EVERYDAY),
            Map.entry("5813", EVERYDAY),
            Map.entry("5814", EVERYDAY),
            Map.entry("5912", EVERYDAY),
            Map.entry("4111", EVERYDAY),
            Map.entry("4121", EVERYDAY),
            Map.entry("4131", EVERYDAY),
            Map.entry("5462", EVERYDAY),
            Map.entry("5441", EVERYDAY),
            Map.entry("5311", RETAIL),
            Map.entry("5310", RETAIL),
            Map.entry("5651", RETAIL),
            Map.entry("5691", RETAIL),
            Map.entry("5661", RETAIL),
            Map.entry("5977", RETAIL),
            Map.entry("5200", RETAIL),
            Map.entry("5995", RETAIL),
            Map.entry("5999", RETAIL),
            Map.entry("5941", RETAIL),
            Map.entry("5942", RETAIL),
            Map.entry("7230", RETAIL),
            Map.entry("7832", RETAIL),
            Map.entry("5732", HIGH_VALUE),
            Map.entry("5944", HIGH_VALUE),
            Map.entry("5045", HIGH_VALUE),
            Map.entry("5722", HIGH_VALUE),
            Map.entry("5094", HIGH_VALUE),
            Map.entry("4722", TRAVEL),
            Map.entry("4511", TRAVEL),
            Map.entry("7011", TRAVEL),
            Map.entry("3000", TRAVEL),
            Map.entry("6011", CASH),
            Map.entry("6010", CASH),
            Map.entry("4829", MONEY_TRANSFER),
            Map.entry("6012", MONEY_TRANSFER),
            Map.entry("6051", MONEY_TRANSFER),
            Map.entry("6540", MONEY_TRANSFER),
            Map.entry("7995", GAMBLING),
            Map.entry("7801", GAMBLING),
            Map.entry("7802", GAMBLING),
            Map.entry("4814", DIGITAL_AND_BILLS),
            Map.entry("4900", DIGITAL_AND_BILLS),
            Map.entry("4899", DIGITAL_AND_BILLS),
            Map.entry("5815", DIGITAL_AND_BILLS),
            Map.entry("5816", DIGITAL_AND_BILLS),
            Map.entry("5817", DIGITAL_AND_BILLS),
            Map.entry("5818", DIGITAL_AND_BILLS));

    private final String description;

    MccGroup(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static MccGroup of(String mcc) {
        return mcc == null ? OTHER : BY_CODE.getOrDefault(mcc, OTHER);
    }
}
