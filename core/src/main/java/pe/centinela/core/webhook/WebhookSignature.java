package pe.centinela.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery: HMAC-SHA256, keyed with the shared secret, over
 * {@code <unix seconds>.<body>}, sent as {@code X-Centinela-Signature: t=<unix seconds>,v1=<hex>}. Signing the
 * timestamp with the body lets a receiver refuse a replayed request once it is older than its tolerance.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Centinela-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignature() {}

    /** The header value for {@code body} sent at {@code at}. */
    public static String header(String secret, Instant at, byte[] body) {
        long seconds = at.getEpochSecond();
        return "t=" + seconds + ",v1=" + HEX.formatHex(hmac(secret, seconds, body));
    }

    public static String header(String secret, Instant at, String body) {
        return header(secret, at, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code header} signs {@code body} with {@code secret} and was made within {@code tolerance} of
     * {@code now}. Any of several {@code v1} values may match (a sender rotating its secret sends one per secret);
     * the comparison takes the same time whatever the bytes.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        java.util.List<byte[]> candidates = new java.util.ArrayList<>();
        for (String part : header.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                timestamp = parseLong(value);
            } else if (name.equals("v1")) {
                candidates.add(value.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (timestamp == null || candidates.isEmpty()) {
            return false;
        }
        long age = now.getEpochSecond() - timestamp;
        if (Math.abs(age) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = HEX.formatHex(hmac(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (byte[] candidate : candidates) {
            matched |= MessageDigest.isEqual(expected, candidate);
        }
        return matched;
    }

    public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
        return verify(secret, header, body.getBytes(StandardCharsets.UTF_8), now, tolerance);
    }

    private static byte[] hmac(String secret, long seconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((seconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
