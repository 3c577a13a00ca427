package pe.centinela.adapters.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing of passwords. Slow on purpose: call it off the event loop. */
public final class Passwords {

    /** bcrypt reads at most this many bytes of a password; a longer one is refused rather than cut. */
    public static final int MAX_BYTES = 72;

    static final int COST = 12;
    /**
     * Checked against when the user does not exist, so an unknown name takes as long as a wrong password: a cost-12
     * hash of a throw-away text, written out so that loading this class never runs bcrypt on an event loop.
     */
    private static final String UNKNOWN_USER_HASH = "$2a$12$SRSIGYFVyQQ/Wjdp.OjdkO2Vh373jqzGJyhboNJ8CFhcBn/T.cEbG";

    private Passwords() {}

    public static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    public static String hash(String password) {
        if (tooLong(password)) {
            throw new IllegalArgumentException("a password may be at most " + MAX_BYTES + " bytes");
        }
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /** Whether the password matches; {@code hash} null for an unknown user (checked against a decoy all the same). */
    public static boolean matches(String password, String hash) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        boolean known = hash != null;
        boolean verified = BCrypt.verifyer()
                .verify(
                        tooLong(password) ? new byte[] {0} : bytes,
                        (known ? hash : UNKNOWN_USER_HASH).getBytes(StandardCharsets.UTF_8))
                .verified;
        return known && verified && !tooLong(password);
    }

    /** A hash made with a lower cost than today's, to be replaced at the user's next login. */
    static boolean weakerThanToday(String hash) {
        return hash.length() > 6 && hash.charAt(0) == '$' && Integer.parseInt(hash.substring(4, 6)) < COST;
    }
}
