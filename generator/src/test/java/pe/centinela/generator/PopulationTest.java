package pe.centinela.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PopulationTest {

    private final MerchantCatalogue catalogue = new MerchantCatalogue(3);
    private final Account[] accounts = Population.create(2000, catalogue, new SplittableRandom(3));

    @Test
    void everyAccountHasFourToTwelveFavouritesMostlyInItsHomeCity() {
        int favourites = 0;
        int atHome = 0;
        for (Account account : accounts) {
            assertThat(account.favouriteCount()).isBetween(4, 12);
            for (int i = 0; i < account.streetFavourites.size(); i++) {
                favourites++;
                atHome += catalogue.cityOrdinal[account.streetFavourites.item(i)] == account.homeCity ? 1 : 0;
            }
        }

        assertThat(atHome).isGreaterThan(favourites * 3 / 4);
    }

    @Test
    void everyAccountHasThreeToEightWalletContactsOtherThanItself() {
        for (Account account : accounts) {
            assertThat(account.walletContacts).hasSizeBetween(3, 8).doesNotContain(account.id);
        }
    }

    @Test
    void accountsDifferInTypicalAmountHoursAndCity() {
        double[] typical = Arrays.stream(accounts)
                .mapToDouble(account -> account.typicalAmount)
                .sorted()
                .toArray();
        Set<HoursProfile> profiles = Arrays.stream(accounts)
                .map(account -> account.hours)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(HoursProfile.class)));
        long inLima = Arrays.stream(accounts)
                .filter(account -> account.homeCity == City.LIMA.ordinal())
                .count();

        assertThat(typical[typical.length * 9 / 10]).isGreaterThan(2 * typical[typical.length / 10]);
        assertThat(profiles).containsExactlyInAnyOrder(HoursProfile.values());
        assertThat(inLima).isBetween(accounts.length / 2L, accounts.length * 7L / 10);
    }

    @Test
    void ownDevicesAndIpsLookLikePhonesAndBrowsersInPeru() {
        for (Account account : accounts) {
            assertThat(account.deviceId).matches("(android|ios|web)-[0-9a-f]{12}");
            assertThat(account.ip)
                    .matches("(190\\.23[2-9]|181\\.6[4-7]|179\\.[67]|200\\.121|200\\.106|38\\.25"
                            + "|132\\.191|201\\.230|200\\.48)\\.\\d{1,3}\\.\\d{1,3}");
        }
    }
}
