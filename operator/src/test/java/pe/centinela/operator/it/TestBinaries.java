package pe.centinela.operator.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The binaries scripts/kube-test-env prepares, found where it caches them. */
final class TestBinaries {

    static final String K8S_VERSION = "1.20.2";

    private TestBinaries() {}

    static Path dir() {
        String configured = System.getProperty("centinela.k8s.dir", "");
        if (configured.isBlank() || configured.startsWith("${")) {
            configured = System.getenv().getOrDefault("CENTINELA_K8S_DIR", "");
        }
        if (configured.isBlank()) {
            String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
            configured = cache + "/centinela/k8s/" + K8S_VERSION;
        }
        return Path.of(configured);
    }

    static Path require(String name) {
        Path binary = dir().resolve(name);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(name + " not found in " + dir() + ": run scripts/kube-test-env first "
                    + "(scripts/test does), or point CENTINELA_K8S_DIR at a directory holding etcd, kube-apiserver, "
                    + "kube-controller-manager and helm");
        }
        return binary;
    }

    static Path repositoryFile(String relative) {
        String chart = System.getProperty("centinela.chart.dir");
        Path root = chart != null
                ? Path.of(chart).resolve("../..").normalize()
                : Path.of("..").toAbsolutePath().normalize();
        return root.resolve(relative);
    }
}
