package pe.centinela.generator;

import java.util.List;

/** Peruvian cities of the simulation, with their share of accounts and of merchants. */
enum City {
    LIMA(
            "Lima",
            "lim",
            0.60,
            1.0,
            List.of(
                    "Miraflores",
                    "San Isidro",
                    "Surco",
                    "La Molina",
                    "San Borja",
                    "Jesús María",
                    "Lince",
                    "Los Olivos",
                    "San Juan de Lurigancho",
                    "Chorrillos",
                    "Barranco",
                    "Magdalena",
                    "Pueblo Libre",
                    "Callao",
                    "Ate",
                    "Comas",
                    "San Miguel",
                    "Independencia",
                    "Breña",
                    "La Victoria",
                    "Surquillo",
                    "Cercado de Lima")),
    AREQUIPA(
            "Arequipa",
            "aqp",
            0.09,
            0.30,
            List.of("Cercado", "Cayma", "Yanahuara", "Cerro Colorado", "Paucarpata", "José Luis Bustamante")),
    CUSCO("Cusco", "cus", 0.05, 0.25, List.of("Centro Histórico", "Wanchaq", "San Sebastián", "San Blas", "Santiago")),
    TRUJILLO("Trujillo", "tru", 0.07, 0.25, List.of("Centro", "Víctor Larco", "La Esperanza", "El Porvenir")),
    PIURA("Piura", "piu", 0.05, 0.20, List.of("Centro", "Castilla", "Veintiséis de Octubre")),
    CHICLAYO("Chiclayo", "cix", 0.05, 0.20, List.of("Centro", "La Victoria", "José Leonardo Ortiz")),
    IQUITOS("Iquitos", "iqt", 0.05, 0.18, List.of("Centro", "Punchana", "Belén", "San Juan Bautista")),
    HUANCAYO("Huancayo", "hyo", 0.04, 0.18, List.of("Centro", "El Tambo", "Chilca"));

    static final String PERU = "PE";
    private static final City[] ALL = values();

    final String displayName;
    final String code;
    final double accountShare;
    final double merchantScale;

    @SuppressWarnings("ImmutableEnumChecker") // List.copyOf: unmodifiable
    final List<String> districts;

    City(String displayName, String code, double accountShare, double merchantScale, List<String> districts) {
        this.displayName = displayName;
        this.code = code;
        this.accountShare = accountShare;
        this.merchantScale = merchantScale;
        this.districts = List.copyOf(districts);
    }

    static City of(int ordinal) {
        return ALL[ordinal];
    }

    static int count() {
        return ALL.length;
    }

    /** The ISO country of a merchant city: {@code PE} for the cities above, else the foreign city's country. */
    static String countryOf(String cityName) {
        for (City city : ALL) {
            if (city.displayName.equals(cityName)) {
                return PERU;
            }
        }
        for (String[] foreign : FOREIGN_CITIES) {
            if (foreign[0].equals(cityName)) {
                return foreign[1];
            }
        }
        return null;
    }

    static final String[][] FOREIGN_CITIES = {
        {"Seattle", "US"}, {"Hangzhou", "CN"}, {"Singapore", "SG"}, {"Boston", "US"}, {"Los Gatos", "US"},
        {"Stockholm", "SE"}, {"Bellevue", "US"}, {"Amsterdam", "NL"}, {"Dublin", "IE"}, {"Cupertino", "US"},
        {"Madrid", "ES"}, {"Miami", "US"}
    };
}
