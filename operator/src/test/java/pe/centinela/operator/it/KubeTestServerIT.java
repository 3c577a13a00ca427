package pe.centinela.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The test Kubernetes starts even when another process takes the API server's port between the moment it was found
 * free and the moment the server binds it (a fresh-clone run failed so, with integration tests in two JVMs).
 */
class KubeTestServerIT {

    @Test
    void anApiServerPortTakenBeforeItIsBoundIsReplacedByAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger asked = new AtomicInteger();
            // the third port of the first attempt is the API server's: hand it one that is already taken
            KubeTestServer.Ports ports =
                    () -> asked.incrementAndGet() == 3 ? taken.getLocalPort() : KubeTestServer.freePort();
            try (KubeTestServer server = KubeTestServer.start(ports)) {
                assertThat(asked.get())
                        .as("ports asked for: two attempts of three")
                        .isEqualTo(6);
                assertThat(server.port()).isNotEqualTo(taken.getLocalPort());
            }
        }
    }
}
