package pe.centinela.generator;

import pe.centinela.core.domain.Channel;

/**
 * A merchant, ATM or payment service of the simulated market.
 *
 * @param id               e.g. {@code m-lim-0042}; {@code m-int-0003} for foreign online merchants
 * @param name             display name, e.g. {@code Plaza Vea Miraflores}
 * @param city             city the merchant is in (a foreign city for foreign online merchants)
 * @param mcc              ISO 18245 merchant category code, four digits
 * @param channel          how customers pay there
 * @param typicalAmountPen a typical payment there, in PEN
 */
public record Merchant(String id, String name, String city, String mcc, Channel channel, double typicalAmountPen) {

    /** ISO 3166-1 alpha-2 country of the merchant, {@code PE} for Peruvian ones. */
    public String country() {
        return City.countryOf(city);
    }

    public boolean domestic() {
        return City.PERU.equals(country());
    }
}
