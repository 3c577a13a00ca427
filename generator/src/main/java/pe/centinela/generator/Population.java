package pe.centinela.generator;

import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/** Builds the customers, each with its own city, hours, spending level, favourite merchants and contacts. */
final class Population {

    static final double REFERENCE_AMOUNT = 55.0;
    /** A customer at spending level L pays L^0.6 times a merchant's typical amount. */
    static final double SPENDING_ELASTICITY = 0.6;

    private static final WeightedPick CITY_PICK = WeightedPick.ofWeights(cityShares());
    private static final WeightedPick BANK_PICK = WeightedPick.ofWeights(bankShares());
    private static final WeightedPick HOURS_PICK = WeightedPick.ofWeights(hoursShares());

    private final MerchantCatalogue catalogue;
    private final SplittableRandom random;
    private final String[] ids;

    private Population(int count, MerchantCatalogue catalogue, SplittableRandom random) {
        this.catalogue = catalogue;
        this.random = random;
        this.ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = Identities.accountId(i);
        }
    }

    static Account[] create(int count, MerchantCatalogue catalogue, SplittableRandom random) {
        Population population = new Population(count, catalogue, random);
        Account[] accounts = new Account[count];
        for (int i = 0; i < count; i++) {
            accounts[i] = population.account(i);
        }
        return accounts;
    }

    private Account account(int index) {
        int city = CITY_PICK.pick(random);
        Bank bank = Bank.of(BANK_PICK.pick(random));
        HoursProfile hours = HoursProfile.of(HOURS_PICK.pick(random));
        double activity = Math.min(1.0, 0.15 + Math.exp(random.nextGaussian() * 0.6 - 1.0));
        double level = Math.min(12, Math.max(0.25, Math.exp(random.nextGaussian() * 0.5)));
        WeightedPick habits = habits();
        WeightedPick street = favourites(3 + random.nextInt(7), () -> streetFavourite(city));
        WeightedPick online = favourites(1 + random.nextInt(3), () -> catalogue.onlineByCity[city].pick(random));
        double typical =
                typicalCardPayment(level, street, habits.weight(Account.POS), online, habits.weight(Account.ECOMMERCE));
        return new Account(
                ids[index],
                city,
                bank,
                hours,
                activity,
                level,
                typical,
                habits,
                street,
                online,
                atms(city, bank),
                walletService(bank),
                catalogue.transferServiceByBank[bank.ordinal()],
                walletContacts(index),
                transferBeneficiaries(index),
                Identities.deviceId(random),
                Identities.peruvianIp(random));
    }

    /** The weighted geometric mean of the median payments at the favourite shops and online merchants. */
    private double typicalCardPayment(
            double level, WeightedPick street, double streetWeight, WeightedPick online, double onlineWeight) {
        double logSum = streetWeight * meanLogTypical(street) + onlineWeight * meanLogTypical(online);
        return Math.exp(logSum / (streetWeight + onlineWeight)) * Math.pow(level, SPENDING_ELASTICITY);
    }

    private double meanLogTypical(WeightedPick favourites) {
        double logSum = 0;
        double weightSum = 0;
        for (int i = 0; i < favourites.size(); i++) {
            logSum += favourites.weight(i)
                    * Math.log(catalogue.merchant(favourites.item(i)).typicalAmountPen());
            weightSum += favourites.weight(i);
        }
        return logSum / weightSum;
    }

    private WeightedPick habits() {
        return WeightedPick.ofWeights(
                0.35 + 0.30 * random.nextDouble(),
                0.04 + 0.16 * random.nextDouble(),
                0.04 + 0.08 * random.nextDouble(),
                0.08 + 0.27 * random.nextDouble(),
                0.01 + 0.04 * random.nextDouble());
    }

    private int streetFavourite(int homeCity) {
        if (random.nextDouble() < 0.85) {
            return catalogue.posByCity[homeCity].pick(random);
        }
        int otherCity = homeCity == City.LIMA.ordinal() ? 1 + random.nextInt(City.count() - 1) : City.LIMA.ordinal();
        return catalogue.posByCity[otherCity].pick(random);
    }

    private WeightedPick favourites(int count, IntSupplier source) {
        int[] merchants = new int[count];
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            merchants[i] = distinctPick(merchants, i, source);
            weights[i] = 1.0 / Math.pow(i + 1, 0.8);
        }
        return new WeightedPick(merchants, weights);
    }

    private static int distinctPick(int[] chosen, int filled, IntSupplier source) {
        int candidate = source.getAsInt();
        for (int attempt = 0; attempt < 8 && contains(chosen, filled, candidate); attempt++) {
            candidate = source.getAsInt();
        }
        return candidate;
    }

    private static boolean contains(int[] values, int filled, int value) {
        for (int i = 0; i < filled; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private int[] atms(int city, Bank bank) {
        int[] nearby = catalogue.atmsByCityAndBank[city][bank.ordinal()];
        if (nearby.length == 1 || random.nextBoolean()) {
            return new int[] {nearby[random.nextInt(nearby.length)]};
        }
        int first = random.nextInt(nearby.length);
        return new int[] {nearby[first], nearby[(first + 1) % nearby.length]};
    }

    private int walletService(Bank bank) {
        return bank == Bank.BCP || random.nextDouble() < 0.35 ? catalogue.yape : catalogue.plin;
    }

    private String[] walletContacts(int self) {
        String[] contacts = new String[3 + random.nextInt(6)];
        for (int i = 0; i < contacts.length; i++) {
            contacts[i] = ids[otherAccount(self)];
        }
        return contacts;
    }

    private String[] transferBeneficiaries(int self) {
        String[] beneficiaries = new String[1 + random.nextInt(3)];
        for (int i = 0; i < beneficiaries.length; i++) {
            beneficiaries[i] = random.nextBoolean() ? ids[otherAccount(self)] : Identities.knownExternalAccount(random);
        }
        return beneficiaries;
    }

    private int otherAccount(int self) {
        int other = random.nextInt(ids.length - 1);
        return other >= self ? other + 1 : other;
    }

    private static double[] cityShares() {
        double[] shares = new double[City.count()];
        for (City city : City.values()) {
            shares[city.ordinal()] = city.accountShare;
        }
        return shares;
    }

    private static double[] bankShares() {
        double[] shares = new double[Bank.count()];
        for (Bank bank : Bank.values()) {
            shares[bank.ordinal()] = bank.customerShare;
        }
        return shares;
    }

    private static double[] hoursShares() {
        double[] shares = new double[HoursProfile.values().length];
        for (HoursProfile profile : HoursProfile.values()) {
            shares[profile.ordinal()] = profile.populationShare;
        }
        return shares;
    }
}
