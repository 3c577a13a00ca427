package pe.centinela.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free loopback ports below Linux's ephemeral range (32768 and up): a port the system handed out for listening
 * may be given to some client's outgoing connection before the server that picked it binds it, which once failed a
 * broker's start in the suite. Ports here are only ever taken by servers that chose them, and a port is handed out
 * once per JVM, so two servers of one process (a broker's two listeners, the database) never pick the same one before
 * either binds it.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final int ATTEMPTS = 200;

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    public static int pick() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (free(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(
                new IOException("no free port between " + LOWEST + " and " + HIGHEST + " on the loopback interface"));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int pickIfZero(int port) {
        return port == 0 ? pick() : port;
    }
}
