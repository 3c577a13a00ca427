package pe.centinela.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;

class MerchantCatalogueTest {

    private static final Set<String> PERUVIAN_CITIES =
            Set.of("Lima", "Arequipa", "Cusco", "Trujillo", "Piura", "Chiclayo", "Iquitos", "Huancayo");
    private static final Set<String> EXPECTED_MCCS = Set.of(
            "5411", "5541", "5812", "5814", "5912", "5311", "5732", "5944", "5691", "5651", "4111", "4121", "4814",
            "4900", "4722", "7011", "5977", "7995", "5999", "6011", "4829");

    private final List<Merchant> merchants = new MerchantCatalogue(1).merchants();

    @Test
    void holdsAFewHundredMerchantsMostlyInLimaAndInAllEightCities() {
        Map<String, Long> byCity = merchants.stream()
                .filter(Merchant::domestic)
                .collect(Collectors.groupingBy(Merchant::city, Collectors.counting()));

        assertThat(merchants).hasSizeBetween(200, 900);
        assertThat(byCity).containsOnlyKeys(PERUVIAN_CITIES);
        assertThat(byCity.get("Lima")).isGreaterThan(byCity.get("Arequipa") * 3);
    }

    @Test
    void sameSeedGivesTheSameCatalogueAndAnotherSeedAnotherOne() {
        assertThat(new MerchantCatalogue(1).merchants()).isEqualTo(merchants);
        assertThat(new MerchantCatalogue(2).merchants()).isNotEqualTo(merchants);
    }

    @Test
    void idsAreUniqueAndNameTheCity() {
        assertThat(merchants)
                .extracting(Merchant::id)
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("m-(lim|aqp|cus|tru|piu|cix|iqt|hyo|int)-\\d{4}"));
        assertThat(merchants)
                .filteredOn(merchant -> merchant.city().equals("Lima"))
                .allMatch(merchant -> merchant.id().startsWith("m-lim-"));
    }

    @Test
    void categoryCodesAreFourDigitsAndCoverTheExpectedTrades() {
        assertThat(merchants).allMatch(merchant -> merchant.mcc().matches("\\d{4}"));
        assertThat(merchants).extracting(Merchant::mcc).containsAll(EXPECTED_MCCS);
        assertThat(merchants).allMatch(merchant -> merchant.typicalAmountPen() > 0);
    }

    @Test
    void knownPeruvianBrandsAreThere() {
        String names = merchants.stream().map(Merchant::name).collect(Collectors.joining("|"));

        assertThat(names)
                .contains(
                        "Plaza Vea",
                        "Tottus",
                        "Wong",
                        "Primax",
                        "Inkafarma",
                        "Mifarma",
                        "Saga Falabella",
                        "Ripley",
                        "Oechsle",
                        "Claro",
                        "Movistar",
                        "Luz del Sur",
                        "Sedapal",
                        "Yape",
                        "Plin",
                        "Cajero BCP",
                        "Cajero Interbank",
                        "Cajero BBVA",
                        "Cajero Scotiabank",
                        "Cevichería");
    }

    @Test
    void channelsMatchTheirCategoryCodes() {
        for (Merchant merchant : merchants) {
            assertThat(merchant.mcc().equals("6011")).isEqualTo(merchant.channel() == Channel.ATM);
            if (merchant.channel() == Channel.TRANSFER || merchant.channel() == Channel.WALLET) {
                assertThat(merchant.mcc()).isEqualTo("4829");
            }
        }
        assertThat(merchants)
                .filteredOn(merchant -> merchant.channel() == Channel.WALLET)
                .extracting(Merchant::name)
                .containsExactlyInAnyOrder("Yape", "Plin");
    }

    @Test
    void foreignMerchantsAreOnlineAndCarryTheirCountry() {
        List<Merchant> foreign =
                merchants.stream().filter(merchant -> !merchant.domestic()).toList();

        assertThat(foreign).isNotEmpty().allSatisfy(merchant -> {
            assertThat(merchant.channel()).isEqualTo(Channel.ECOMMERCE);
            assertThat(merchant.country()).matches("[A-Z]{2}").isNotEqualTo("PE");
            assertThat(merchant.id()).startsWith("m-int-");
        });
        assertThat(merchants)
                .filteredOn(Merchant::domestic)
                .allMatch(merchant -> merchant.country().equals("PE"));
    }
}
