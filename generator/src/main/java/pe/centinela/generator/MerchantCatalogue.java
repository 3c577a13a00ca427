package pe.centinela.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import pe.centinela.core.domain.Channel;

/**
 * The simulated Peruvian market: a few hundred shops, restaurants, ATMs, online stores, utilities and payment
 * services in eight cities, plus a few foreign online merchants. Deterministic for a given seed.
 */
public final class MerchantCatalogue {

    static final int ROUND_CENTS = 0;
    static final int ROUND_WHOLE = 1;
    static final int ROUND_FUEL = 2;
    static final int ROUND_HALF = 3;
    static final int ROUND_RECHARGE = 4;

    private static final Set<String> SPIKE_MCCS = Set.of("5732", "5944", "5311", "4722");
    private static final Set<String> RESOLD_GOODS_MCCS = Set.of("5311", "5732", "5944", "5691", "5541", "5411", "5912");
    private static final Set<String> CARD_FRAUD_ONLINE_MCCS = Set.of("5311", "5732", "5944", "5999", "4722");
    private static final Set<String> TESTING_CASHOUT_MCCS = Set.of("5732", "5944");

    private final List<Merchant> merchants;
    final double[] popularity;
    final int[] rounding;
    final int[] cityOrdinal;
    final String[] countries;
    final String[][] terminals;

    final WeightedPick[] posByCity;
    final WeightedPick[] onlineByCity;
    final int[][][] atmsByCityAndBank;
    final int[] transferServiceByBank;
    final int yape;
    final int plin;
    final int[] foreignOnline;
    final int[] domesticOnline;
    final int[] testingCashout;
    final int[] cardFraudOnline;
    final int[][] resoldGoodsPosByCity;
    final int[][] spikePosByCity;
    final int[] spikeOnline;

    /** Builds the catalogue; the same seed always gives the same merchants, names and amounts. */
    public MerchantCatalogue(long seed) {
        Builder builder = new Builder(new SplittableRandom(seed ^ 0x5EED_CA7A_1064_E000L));
        builder.buildAll();
        merchants = Collections.unmodifiableList(builder.merchants);
        int size = merchants.size();
        popularity = toDoubles(builder.popularity);
        rounding = toInts(builder.rounding);
        cityOrdinal = toInts(builder.cityOrdinal);
        countries = new String[size];
        terminals = builder.terminals.toArray(new String[0][]);
        for (int i = 0; i < size; i++) {
            countries[i] = merchants.get(i).country();
        }
        foreignOnline = toInts(builder.foreign);
        domesticOnline = toInts(builder.nationalOnline);
        posByCity = new WeightedPick[City.count()];
        onlineByCity = new WeightedPick[City.count()];
        resoldGoodsPosByCity = new int[City.count()][];
        spikePosByCity = new int[City.count()][];
        for (int city = 0; city < City.count(); city++) {
            posByCity[city] = popularityPick(inCity(city, Channel.POS, null));
            onlineByCity[city] = popularityPick(onlineFor(city));
            resoldGoodsPosByCity[city] = inCity(city, Channel.POS, RESOLD_GOODS_MCCS);
            spikePosByCity[city] = inCity(city, Channel.POS, SPIKE_MCCS);
        }
        atmsByCityAndBank = builder.atms;
        transferServiceByBank = builder.transferServices;
        yape = builder.yape;
        plin = builder.plin;
        testingCashout = onlineWith(TESTING_CASHOUT_MCCS);
        cardFraudOnline = onlineWith(CARD_FRAUD_ONLINE_MCCS);
        spikeOnline = onlineWith(SPIKE_MCCS);
    }

    /** All merchants, in id order within each city. */
    public List<Merchant> merchants() {
        return merchants;
    }

    Merchant merchant(int index) {
        return merchants.get(index);
    }

    int size() {
        return merchants.size();
    }

    private int[] inCity(int city, Channel channel, Set<String> mccs) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < merchants.size(); i++) {
            Merchant merchant = merchants.get(i);
            boolean mccMatches = mccs == null || mccs.contains(merchant.mcc());
            if (cityOrdinal[i] == city && merchant.channel() == channel && mccMatches) {
                found.add(i);
            }
        }
        return toInts(found);
    }

    private int[] onlineFor(int city) {
        List<Integer> found = new ArrayList<>();
        for (int index : domesticOnline) {
            found.add(index);
        }
        for (int index : inCity(city, Channel.ECOMMERCE, Set.of("4900"))) {
            found.add(index);
        }
        return toInts(found);
    }

    private int[] onlineWith(Set<String> mccs) {
        List<Integer> found = new ArrayList<>();
        for (int index : domesticOnline) {
            if (mccs.contains(merchants.get(index).mcc())) {
                found.add(index);
            }
        }
        return toInts(found);
    }

    private WeightedPick popularityPick(int[] indices) {
        double[] weights = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            weights[i] = popularity[indices[i]];
        }
        return new WeightedPick(indices, weights);
    }

    private static int[] toInts(List<Integer> values) {
        int[] result = new int[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }

    private static double[] toDoubles(List<Double> values) {
        double[] result = new double[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }

    private record Category(
            String mcc,
            double typical,
            double popularity,
            int limaCount,
            int provinceCount,
            List<String> chains,
            List<String> prefixes,
            List<String> names) {

        static Category chains(
                String mcc, double typical, double popularity, int lima, int province, String... chains) {
            return new Category(mcc, typical, popularity, lima, province, List.of(chains), List.of(), List.of());
        }

        static Category named(
                String mcc,
                double typical,
                double popularity,
                int lima,
                int province,
                List<String> prefixes,
                List<String> names) {
            return new Category(mcc, typical, popularity, lima, province, List.of(), prefixes, names);
        }

        int countIn(City city) {
            if (city == City.LIMA) {
                return limaCount;
            }
            if (city == City.CUSCO && (mcc.equals("7011") || mcc.equals("4722"))) {
                return provinceCount * 4;
            }
            if (city == City.AREQUIPA && mcc.equals("7011")) {
                return provinceCount * 2;
            }
            return provinceCount;
        }
    }

    private static final List<Category> STREET_CATEGORIES = List.of(
            Category.chains("5411", 85, 10, 14, 3, "Plaza Vea", "Tottus", "Wong", "Metro", "Makro", "Mass", "Vivanda"),
            Category.chains("5541", 110, 4, 8, 2, "Primax", "Repsol", "Pecsa", "Petroperú"),
            Category.named(
                    "5812",
                    55,
                    8,
                    30,
                    5,
                    List.of("Cevichería", "Cevichería", "Restaurante", "Pollería", "Chifa", "Picantería"),
                    List.of(
                            "El Muelle",
                            "Mi Barrunto",
                            "La Mar",
                            "Punto Azul",
                            "Don Fernando",
                            "El Chinito",
                            "La Norteña",
                            "Sabor Moche",
                            "El Rocoto",
                            "Doña Pochita",
                            "Canta Rana",
                            "El Pez On",
                            "La Lucha",
                            "Don Tito",
                            "Los Delfines",
                            "El Sabroso",
                            "Mar Azul",
                            "Sabor Norteño",
                            "Don Cucho",
                            "Wong Kee",
                            "Titi",
                            "Kam Men",
                            "La Choza Náutica",
                            "El Paisa")),
            Category.chains(
                    "5814",
                    28,
                    6,
                    14,
                    3,
                    "Bembos",
                    "KFC",
                    "McDonald's",
                    "Pizza Hut",
                    "Papa John's",
                    "Popeyes",
                    "Burger King",
                    "Norky's",
                    "Roky's",
                    "Starbucks",
                    "Dunkin'"),
            Category.chains(
                    "5912",
                    40,
                    5,
                    10,
                    3,
                    "Inkafarma",
                    "Mifarma",
                    "Boticas y Salud",
                    "Boticas Perú",
                    "Farmacia Universal"),
            Category.chains("5311", 180, 2, 6, 1, "Saga Falabella", "Ripley", "Oechsle"),
            Category.chains("5732", 900, 0.7, 5, 1, "Coolbox", "Hiraoka", "Efe", "La Curacao", "Carsa"),
            Category.chains("5944", 1100, 0.15, 3, 1, "Joyería Murguía", "Pandora", "Ilaria", "Joyería Carmen"),
            Category.chains("5691", 150, 1.5, 5, 1, "Topitop", "Zara", "H&M", "Sybilla", "Basement"),
            Category.named(
                    "5651",
                    110,
                    1.5,
                    4,
                    1,
                    List.of("Confecciones", "Modas", "Textil"),
                    List.of(
                            "Gamarra",
                            "Santa Rosa",
                            "La Moda",
                            "San Antonio",
                            "Andina",
                            "Los Andes",
                            "Virgen de la Puerta")),
            Category.chains(
                    "4111", 10, 3, 3, 1, "Metropolitano", "Línea 1 Metro de Lima", "Corredor Morado", "Corredor Rojo"),
            Category.chains("4121", 18, 3, 4, 1, "Taxi Satelital", "Taxi Seguro", "Taxi Directo", "Taxi Remisse"),
            Category.chains("4814", 60, 2, 6, 2, "Claro", "Movistar", "Entel", "Bitel"),
            Category.chains(
                    "4722",
                    650,
                    0.3,
                    3,
                    1,
                    "Nuevo Mundo Viajes",
                    "Costamar",
                    "Viajes Falabella",
                    "Condor Travel",
                    "PeruRail"),
            Category.chains(
                    "7011",
                    380,
                    0.2,
                    4,
                    1,
                    "Casa Andina",
                    "Sonesta",
                    "Costa del Sol",
                    "Tierra Viva",
                    "Hotel Los Portales",
                    "Hotel El Dorado"),
            Category.chains("5977", 90, 1, 3, 1, "Sephora", "Natura", "Ésika", "L'Bel", "Passarela Belleza"),
            Category.chains(
                    "7995", 40, 0.5, 3, 1, "Atlantic City", "Tragamonedas Fiesta", "Casino Majestic", "Te Apuesto"),
            Category.named(
                    "5999",
                    35,
                    5,
                    6,
                    2,
                    List.of("Bodega", "Minimarket", "Librería", "Ferretería"),
                    List.of(
                            "Don Lucho",
                            "La Esquina",
                            "San Martín",
                            "Santa Rosa",
                            "Los Andes",
                            "El Ahorro",
                            "Doña Juana",
                            "Mi Barrio",
                            "El Vecino",
                            "La Económica")));

    private record Online(String name, String mcc, double typical, double popularity, String city) {}

    private static final List<Online> NATIONAL_ONLINE = List.of(
            new Online("Falabella.com", "5311", 220, 3, "Lima"),
            new Online("Ripley.com", "5311", 200, 2, "Lima"),
            new Online("Oechsle.pe", "5311", 160, 1, "Lima"),
            new Online("Mercado Libre Perú", "5999", 120, 3, "Lima"),
            new Online("Linio", "5732", 450, 1, "Lima"),
            new Online("Coolbox Online", "5732", 850, 0.8, "Lima"),
            new Online("Hiraoka Online", "5732", 1100, 0.5, "Lima"),
            new Online("Joyería Murguía Online", "5944", 900, 0.1, "Lima"),
            new Online("Pandora Perú Online", "5944", 450, 0.15, "Lima"),
            new Online("Rappi", "5814", 45, 4, "Lima"),
            new Online("PedidosYa", "5814", 40, 3, "Lima"),
            new Online("Plaza Vea Online", "5411", 160, 2, "Lima"),
            new Online("Tottus Online", "5411", 150, 1.5, "Lima"),
            new Online("Wong Online", "5411", 190, 1, "Lima"),
            new Online("Despegar", "4722", 900, 0.4, "Lima"),
            new Online("Sky Airline", "4722", 350, 0.5, "Lima"),
            new Online("Casa Andina Online", "7011", 420, 0.3, "Lima"),
            new Online("Inkafarma Online", "5912", 60, 1, "Lima"),
            new Online("Claro Recargas", "4814", 30, 2, "Lima"),
            new Online("Movistar Recargas", "4814", 30, 2, "Lima"),
            new Online("Entel Recargas", "4814", 30, 1.5, "Lima"),
            new Online("Bitel Recargas", "4814", 20, 1, "Lima"),
            new Online("Cabify", "4121", 22, 1.5, "Lima"),
            new Online("InDrive", "4121", 15, 1.5, "Lima"),
            new Online("Inkabet", "7995", 50, 0.6, "Lima"),
            new Online("Te Apuesto Online", "7995", 40, 0.6, "Lima"),
            new Online("Teleticket", "7922", 150, 0.5, "Lima"));

    private static final List<Online> UTILITIES = List.of(
            new Online("Luz del Sur", "4900", 140, 3, "Lima"),
            new Online("Enel Distribución", "4900", 130, 3, "Lima"),
            new Online("Sedapal", "4900", 70, 3, "Lima"),
            new Online("Cálidda", "4900", 50, 1.5, "Lima"),
            new Online("SEAL", "4900", 110, 3, "Arequipa"),
            new Online("Sedapar", "4900", 60, 3, "Arequipa"),
            new Online("Electro Sur Este", "4900", 100, 3, "Cusco"),
            new Online("Seda Cusco", "4900", 50, 3, "Cusco"),
            new Online("Hidrandina", "4900", 110, 3, "Trujillo"),
            new Online("Sedalib", "4900", 55, 3, "Trujillo"),
            new Online("Enosa", "4900", 120, 3, "Piura"),
            new Online("EPS Grau", "4900", 55, 3, "Piura"),
            new Online("Electronorte", "4900", 110, 3, "Chiclayo"),
            new Online("Epsel", "4900", 50, 3, "Chiclayo"),
            new Online("Electro Oriente", "4900", 130, 3, "Iquitos"),
            new Online("Sedaloreto", "4900", 45, 3, "Iquitos"),
            new Online("Electrocentro", "4900", 90, 3, "Huancayo"),
            new Online("Sedam Huancayo", "4900", 45, 3, "Huancayo"));

    private static final List<Online> FOREIGN_ONLINE = List.of(
            new Online("Amazon", "5999", 180, 3, "Seattle"),
            new Online("AliExpress", "5999", 90, 2, "Hangzhou"),
            new Online("Shein", "5651", 120, 2, "Singapore"),
            new Online("Temu", "5999", 70, 2, "Boston"),
            new Online("Netflix", "4899", 45, 3, "Los Gatos"),
            new Online("Spotify", "5815", 22, 3, "Stockholm"),
            new Online("Steam", "5816", 60, 1, "Bellevue"),
            new Online("Booking.com", "7011", 550, 1, "Amsterdam"),
            new Online("Airbnb", "7011", 600, 1, "Dublin"),
            new Online("Expedia", "4722", 1200, 0.5, "Seattle"),
            new Online("Uber", "4121", 25, 1, "Amsterdam"),
            new Online("Apple.com", "5732", 1500, 0.5, "Cupertino"),
            new Online("Iberia", "4722", 2500, 0.3, "Madrid"),
            new Online("Walmart.com", "5311", 250, 0.5, "Miami"));

    /** Collects merchants and their side data in creation order. */
    private static final class Builder {
        private final SplittableRandom random;
        private final List<Merchant> merchants = new ArrayList<>();
        private final List<Double> popularity = new ArrayList<>();
        private final List<Integer> rounding = new ArrayList<>();
        private final List<Integer> cityOrdinal = new ArrayList<>();
        private final List<String[]> terminals = new ArrayList<>();
        private final List<Integer> nationalOnline = new ArrayList<>();
        private final List<Integer> foreign = new ArrayList<>();
        private final int[][][] atms = new int[City.count()][Bank.count()][];
        private final int[] transferServices = new int[Bank.count()];
        private final int[] sequenceByCity = new int[City.count()];
        private int foreignSequence;
        private int yape;
        private int plin;

        Builder(SplittableRandom random) {
            this.random = random;
        }

        void buildAll() {
            for (City city : City.values()) {
                for (Category category : STREET_CATEGORIES) {
                    for (int i = 0; i < category.countIn(city); i++) {
                        addStreet(city, category);
                    }
                }
                addAtms(city);
            }
            for (Online utility : UTILITIES) {
                add(
                        cityOf(utility.city()),
                        utility.name(),
                        utility.mcc(),
                        Channel.ECOMMERCE,
                        utility.typical(),
                        utility.popularity());
            }
            for (Online online : NATIONAL_ONLINE) {
                nationalOnline.add(add(
                        City.LIMA,
                        online.name(),
                        online.mcc(),
                        Channel.ECOMMERCE,
                        online.typical(),
                        online.popularity()));
            }
            for (Bank bank : Bank.values()) {
                transferServices[bank.ordinal()] =
                        add(City.LIMA, "Transferencias " + bank.displayName, "4829", Channel.TRANSFER, 400, 1);
            }
            yape = add(City.LIMA, "Yape", "4829", Channel.WALLET, 30, 1);
            plin = add(City.LIMA, "Plin", "4829", Channel.WALLET, 30, 1);
            for (Online online : FOREIGN_ONLINE) {
                foreign.add(addForeign(online));
            }
        }

        private void addStreet(City city, Category category) {
            String name;
            if (!category.chains().isEmpty()) {
                name = pickFrom(category.chains()) + " " + pickFrom(city.districts);
            } else {
                name = pickFrom(category.prefixes()) + " " + pickFrom(category.names());
            }
            if (category.mcc().equals("4111") && city != City.LIMA) {
                name = "Transporte Urbano " + city.displayName;
            }
            double typical = category.typical() * (0.75 + 0.55 * random.nextDouble());
            int index = add(city, name, category.mcc(), Channel.POS, typical, category.popularity());
            String[] lanes = new String[1 + random.nextInt(4)];
            String suffix = merchants.get(index).id().substring(1);
            for (int lane = 0; lane < lanes.length; lane++) {
                lanes[lane] = "pos" + suffix + "-" + (lane + 1);
            }
            terminals.set(index, lanes);
        }

        private void addAtms(City city) {
            int perBank = city == City.LIMA ? 3 : 1;
            for (Bank bank : Bank.values()) {
                int[] indices = new int[perBank];
                for (int i = 0; i < perBank; i++) {
                    indices[i] = add(
                            city,
                            "Cajero " + bank.displayName + " " + pickFrom(city.districts),
                            "6011",
                            Channel.ATM,
                            200,
                            1);
                    terminals.set(
                            indices[i],
                            new String[] {"atm" + merchants.get(indices[i]).id().substring(1)});
                }
                atms[city.ordinal()][bank.ordinal()] = indices;
            }
        }

        private int add(City city, String name, String mcc, Channel channel, double typical, double weight) {
            String id = "m-" + city.code + "-" + fourDigits(++sequenceByCity[city.ordinal()]);
            return append(
                    new Merchant(id, name, city.displayName, mcc, channel, roundTypical(typical)),
                    weight,
                    city.ordinal());
        }

        private int addForeign(Online online) {
            String id = "m-int-" + fourDigits(++foreignSequence);
            return append(
                    new Merchant(id, online.name(), online.city(), online.mcc(), Channel.ECOMMERCE, online.typical()),
                    online.popularity(),
                    -1);
        }

        private int append(Merchant merchant, double weight, int city) {
            merchants.add(merchant);
            popularity.add(weight);
            rounding.add(roundingFor(merchant.mcc(), merchant.channel()));
            cityOrdinal.add(city);
            terminals.add(null);
            return merchants.size() - 1;
        }

        private String pickFrom(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }

        private static City cityOf(String name) {
            for (City city : City.values()) {
                if (city.displayName.equals(name)) {
                    return city;
                }
            }
            throw new IllegalArgumentException("unknown city " + name);
        }
    }

    private static int roundingFor(String mcc, Channel channel) {
        if (channel == Channel.TRANSFER || mcc.equals("4111") || mcc.equals("7995")) {
            return ROUND_WHOLE;
        }
        return switch (mcc) {
            case "5541" -> ROUND_FUEL;
            case "4121" -> channel == Channel.POS ? ROUND_HALF : ROUND_CENTS;
            case "4814" -> ROUND_RECHARGE;
            default -> ROUND_CENTS;
        };
    }

    private static double roundTypical(double typical) {
        return Math.round(typical * 100) / 100.0;
    }

    static String fourDigits(int value) {
        String digits = Integer.toString(value);
        return digits.length() >= 4 ? digits : "0000".substring(digits.length()) + digits;
    }
}
