package pe.centinela.core.inference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Formats amounts the way Peruvian statements print them: {@code S/ 1,234.50}. */
public final class Money {

    private static final ThreadLocal<DecimalFormat> FORMAT = ThreadLocal.withInitial(() -> {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator(',');
        symbols.setDecimalSeparator('.');
        return new DecimalFormat("#,##0.00", symbols);
    });

    private Money() {}

    public static String pen(double amount) {
        return "S/ " + FORMAT.get().format(BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP));
    }
}
