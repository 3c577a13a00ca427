package pe.centinela.generator;

import java.util.SplittableRandom;

/** Ids and network addresses: customers' own devices and Peruvian IPs, and the fraudsters'. */
final class Identities {

    private static final String[] PERUVIAN_PREFIXES = {
        "190.232.", "190.233.", "190.234.", "190.235.", "190.236.", "190.237.", "190.238.", "190.239.",
        "181.64.", "181.65.", "181.66.", "181.67.", "179.6.", "179.7.", "200.121.", "200.106.",
        "38.25.", "132.191.", "201.230.", "200.48."
    };
    private static final String[] FOREIGN_PREFIXES = {
        "185.220.101.", "185.220.102.", "45.134.26.", "91.219.236.", "103.75.190.", "194.26.29.",
        "5.188.62.", "62.102.148.", "23.129.64.", "109.70.100.", "196.251.72.", "41.216.188."
    };
    private static final String[] DEVICE_KINDS = {"android-", "android-", "android-", "ios-", "ios-", "web-"};
    private static final String EXTERNAL_PREFIX = "ext-";
    private static final long FIRST_NEW_BENEFICIARY = 20_000_000L;

    private Identities() {}

    static String accountId(int index) {
        return "acc-" + zeroPadded(index + 1, 6);
    }

    static String deviceId(SplittableRandom random) {
        long bits = (random.nextLong() & 0xFFFF_FFFF_FFFFL) | 0x1_0000_0000_0000L;
        return DEVICE_KINDS[random.nextInt(DEVICE_KINDS.length)]
                + Long.toHexString(bits).substring(1);
    }

    static String peruvianIp(SplittableRandom random) {
        return PERUVIAN_PREFIXES[random.nextInt(PERUVIAN_PREFIXES.length)] + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    static String foreignIp(SplittableRandom random) {
        return FOREIGN_PREFIXES[random.nextInt(FOREIGN_PREFIXES.length)] + (1 + random.nextInt(254));
    }

    /** An account at another bank a customer already pays; never equal to a {@link #newBeneficiary}. */
    static String knownExternalAccount(SplittableRandom random) {
        return EXTERNAL_PREFIX + "1" + zeroPadded(random.nextInt(10_000_000), 7);
    }

    /** The {@code sequence}-th account no one has paid before. */
    static String newBeneficiary(long sequence) {
        return EXTERNAL_PREFIX + (FIRST_NEW_BENEFICIARY + sequence);
    }

    static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
