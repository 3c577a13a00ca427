package pe.centinela.scoring.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.json.Json;
import pe.centinela.core.scoring.AnomalyScorer;
import pe.centinela.core.scoring.ModelManifest;

/**
 * Model bundles on disk: a folder per version holding {@code manifest.json} and the network, whose sha256 is
 * checked before the model is used.
 */
public final class ModelBundles {

    public static final String NETWORK_FILE = "network.zip";
    public static final String CATALOGUE_FILE = "feature-catalogue.json";

    private final Path root;

    public ModelBundles(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A verified bundle ready to score. */
    public record LoadedModel(ModelManifest manifest, AnomalyScorer scorer) {
    }

    /** Writes the network, fills in its checksum and writes the manifest; returns the completed manifest. */
    public ModelManifest save(ModelManifest manifest, Dl4jAutoencoder model) throws IOException {
        Path dir = root.resolve(manifest.version());
        Files.createDirectories(dir);
        Path network = dir.resolve(NETWORK_FILE);
        ModelSerializer.writeModel(model.network(), network.toFile(), false);
        ModelManifest complete = new ModelManifest(manifest.version(), manifest.kind(), manifest.createdAt(), manifest.features(),
                manifest.standardizer(), manifest.calibration(), manifest.alertThreshold(), manifest.trainingRows(),
                manifest.dataFingerprint(), NETWORK_FILE, sha256(network), manifest.metrics());
        Files.write(dir.resolve(ModelManifest.FILE_NAME), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(complete));
        Files.write(dir.resolve(CATALOGUE_FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(FeatureCatalogue.features()));
        return complete;
    }

    public LoadedModel load(String version) throws IOException {
        Path dir = root.resolve(version);
        Path manifestFile = dir.resolve(ModelManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("model " + version + " not found: no " + manifestFile);
        }
        ModelManifest manifest = Json.mapper().readValue(manifestFile.toFile(), ModelManifest.class);
        if (!compatible(manifest)) {
            throw new IncompatibleModelException("model " + version + " was trained on another feature set (" + manifest.features().size()
                    + " features; this version computes " + FeatureCatalogue.SIZE + "): train a new model");
        }
        Path network = dir.resolve(manifest.networkFile());
        String actual = sha256(network);
        if (!actual.equals(manifest.networkSha256())) {
            throw new IOException("model " + version + " failed its checksum: expected " + manifest.networkSha256() + " but " + network + " has " + actual);
        }
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(network.toFile(), false);
        AnomalyScorer scorer = new AnomalyScorer(manifest.standardizer(), manifest.calibration(), new Dl4jAutoencoder(restored));
        return new LoadedModel(manifest, scorer);
    }

    /** Whether the bundle was trained on the features this version computes. */
    public static boolean compatible(ModelManifest manifest) {
        return FeatureCatalogue.names().equals(manifest.features());
    }

    /** The bundle's network does not take this version's features. */
    public static final class IncompatibleModelException extends IOException {
        public IncompatibleModelException(String message) {
            super(message);
        }
    }

    /** The newest bundle by version name (versions sort by their creation time), if any. */
    public Optional<String> latestVersion() throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(ModelManifest.FILE_NAME)))
                    .map(d -> d.getFileName().toString())
                    .max(String::compareTo);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
