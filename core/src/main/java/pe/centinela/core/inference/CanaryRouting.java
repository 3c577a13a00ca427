package pe.centinela.core.inference;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Which accounts a canary scores: a stable share of them, decided by a hash of the account id, the same on every instance. */
public final class CanaryRouting {

    private static final int BUCKETS = 10_000;

    private CanaryRouting() {}

    public static boolean inCanary(String accountId, double share) {
        if (share <= 0) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(accountId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % BUCKETS < Math.round(share * BUCKETS);
    }
}
