package pe.centinela.core.text;

/** Text put into HTML that the platform writes (draft reports, backtest reports): the one escaping they all use. */
public final class Html {

    private Html() {}

    /** {@code value} safe as element text and as a quoted attribute value; null as empty. */
    public static String escape(String value) {
        return value == null
                ? ""
                : value.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;")
                        .replace("'", "&#39;");
    }
}
