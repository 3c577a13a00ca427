package pe.centinela.generator;

/** One customer and the habits the generator gives it; fixed once built. */
final class Account {

    static final int POS = 0;
    static final int ECOMMERCE = 1;
    static final int ATM = 2;
    static final int WALLET = 3;
    static final int TRANSFER = 4;

    final String id;
    final int homeCity;
    final Bank bank;
    final HoursProfile hours;
    final double activity;
    /** How much this customer spends compared with an average one (log-normal, median 1). */
    final double level;
    /** A typical card payment of this customer, in PEN, given its level and favourite merchants. */
    final double typicalAmount;

    final double spendingFactor;
    final double atmMedian;
    final double walletMedian;
    final double transferMedian;
    final WeightedPick habits;
    final WeightedPick streetFavourites;
    final WeightedPick onlineFavourites;
    final int[] atms;
    final int walletService;
    final int transferService;
    final String[] walletContacts;
    final String[] transferBeneficiaries;
    final String deviceId;
    final String ip;

    Account(
            String id,
            int homeCity,
            Bank bank,
            HoursProfile hours,
            double activity,
            double level,
            double typicalAmount,
            WeightedPick habits,
            WeightedPick streetFavourites,
            WeightedPick onlineFavourites,
            int[] atms,
            int walletService,
            int transferService,
            String[] walletContacts,
            String[] transferBeneficiaries,
            String deviceId,
            String ip) {
        this.id = id;
        this.homeCity = homeCity;
        this.bank = bank;
        this.hours = hours;
        this.activity = activity;
        this.typicalAmount = typicalAmount;
        this.level = level;
        this.spendingFactor = Math.pow(level, Population.SPENDING_ELASTICITY);
        this.atmMedian = Population.REFERENCE_AMOUNT * 3 * level;
        this.walletMedian = 20 * Math.pow(level, 0.4);
        this.transferMedian = 250 * Math.pow(level, 0.7);
        this.habits = habits;
        this.streetFavourites = streetFavourites;
        this.onlineFavourites = onlineFavourites;
        this.atms = atms;
        this.walletService = walletService;
        this.transferService = transferService;
        this.walletContacts = walletContacts;
        this.transferBeneficiaries = transferBeneficiaries;
        this.deviceId = deviceId;
        this.ip = ip;
    }

    int favouriteCount() {
        return streetFavourites.size() + onlineFavourites.size();
    }
}
