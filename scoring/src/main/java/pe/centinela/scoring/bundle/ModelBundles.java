package pe.centinela.scoring.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.inference.AnomalyScorer;
import pe.centinela.core.inference.ClassifierScorer;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.inference.ProbabilityModel;
import pe.centinela.core.inference.ReconstructionModel;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.inference.TreeEnsemble;
import pe.centinela.core.inference.TreeScorer;
import pe.centinela.core.json.Json;
import pe.centinela.core.signing.BundleSignature;
import pe.centinela.core.signing.BundleSignatureException;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.scoring.dl4j.Dl4jAutoencoder;
import pe.centinela.scoring.dl4j.Dl4jClassifier;
import pe.centinela.scoring.dl4j.ForwardPass;

/**
 * Model bundles on disk: a folder per version holding {@code manifest.json}, the feature catalogue, the network(s) or
 * the trees ({@code trees.json}, with a hybrid's autoencoder network) and {@code signature.json}. Saving signs the bundle with the business's private key; loading checks the networks' sha256
 * and the signature against the trusted keys before any network is read.
 */
public final class ModelBundles {

    public static final String NETWORK_FILE = "network.zip";
    public static final String AUTOENCODER_FILE = "autoencoder.zip";
    public static final String CATALOGUE_FILE = "feature-catalogue.json";

    private final Path root;
    private final ModelTrust trust;
    private final PrivateKey signingKey;

    /** Bundles that load when signed by a key {@code trust} names; saving needs {@link #signingWith}. */
    public ModelBundles(Path root, ModelTrust trust) {
        this(root, trust, null);
    }

    private ModelBundles(Path root, ModelTrust trust, PrivateKey signingKey) {
        this.root = root;
        this.trust = trust;
        this.signingKey = signingKey;
    }

    /** The same bundles, saved signed with {@code key}. */
    public ModelBundles signingWith(PrivateKey key) {
        return new ModelBundles(root, trust, key);
    }

    public Path root() {
        return root;
    }

    public Path directory(String version) {
        return root.resolve(version);
    }

    /** A verified bundle ready to score. */
    public record LoadedModel(ModelManifest manifest, Scorer scorer) {}

    /** Saves an autoencoder bundle. */
    public ModelManifest save(ModelManifest manifest, Dl4jAutoencoder model) throws IOException {
        return save(manifest, model.network(), null);
    }

    /**
     * Writes the network(s), fills in their checksums, writes the manifest and signs the bundle; returns the completed
     * manifest.
     */
    public ModelManifest save(ModelManifest manifest, MultiLayerNetwork network, MultiLayerNetwork autoencoder)
            throws IOException {
        Path dir = folder(manifest);
        NetworkArchive.write(network, dir.resolve(NETWORK_FILE));
        return complete(manifest, dir, NETWORK_FILE, autoencoder);
    }

    /** Saves a tree bundle: XGBoost's JSON model as {@value TreeModelFile#FILE_NAME}, and a hybrid's autoencoder beside it. */
    public ModelManifest save(ModelManifest manifest, byte[] treeModelJson, MultiLayerNetwork autoencoder)
            throws IOException {
        Path dir = folder(manifest);
        Files.write(dir.resolve(TreeModelFile.FILE_NAME), treeModelJson);
        return complete(manifest, dir, TreeModelFile.FILE_NAME, autoencoder);
    }

    private Path folder(ModelManifest manifest) throws IOException {
        if (signingKey == null) {
            throw new IllegalStateException(
                    "model bundles are signed: give the signing key (fraud train --signing-key FILE)");
        }
        Path dir = root.resolve(manifest.version());
        Files.createDirectories(dir);
        return dir;
    }

    private ModelManifest complete(ModelManifest manifest, Path dir, String modelFile, MultiLayerNetwork autoencoder)
            throws IOException {
        String autoencoderSha = null;
        if (autoencoder != null) {
            NetworkArchive.write(autoencoder, dir.resolve(AUTOENCODER_FILE));
            autoencoderSha = sha256(dir.resolve(AUTOENCODER_FILE));
        }
        ModelManifest complete = manifest.withFiles(
                modelFile,
                sha256(dir.resolve(modelFile)),
                autoencoder == null ? null : AUTOENCODER_FILE,
                autoencoderSha);
        Files.write(
                dir.resolve(ModelManifest.FILE_NAME),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(complete));
        Files.write(
                dir.resolve(CATALOGUE_FILE),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(FeatureCatalogue.features()));
        sign(dir, signingKey);
        return complete;
    }

    /** Writes {@code signature.json} over every other file of a bundle folder. */
    public static void sign(Path bundleDir, PrivateKey key) throws IOException {
        Files.deleteIfExists(bundleDir.resolve(BundleSignature.FILE_NAME));
        Files.write(bundleDir.resolve(BundleSignature.FILE_NAME), BundleSignature.sign(digests(bundleDir), key));
    }

    /** Checks a bundle folder's signature against {@code trust}. */
    public static void verifySignature(Path bundleDir, String version, ModelTrust trust) throws IOException {
        Path signature = bundleDir.resolve(BundleSignature.FILE_NAME);
        BundleSignature.verify(
                version,
                digests(bundleDir),
                Files.isRegularFile(signature) ? Files.readAllBytes(signature) : null,
                trust);
    }

    private static Map<String, String> digests(Path bundleDir) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.list(bundleDir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new BundleSignatureException(
                            BundleSignatureException.Reason.SIGNATURE_INVALID,
                            "model bundle " + bundleDir + " holds " + name + ", which is not a plain file: refused");
                }
                if (!name.equals(BundleSignature.FILE_NAME)) {
                    digests.put(name, sha256(file));
                }
            }
        }
        return digests;
    }

    public ModelManifest manifest(String version) throws IOException {
        Path manifestFile = root.resolve(version).resolve(ModelManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("model " + version + " not found: no " + manifestFile);
        }
        return Json.mapper().readValue(manifestFile.toFile(), ModelManifest.class);
    }

    /** How the networks of a loaded model run: a native DL4J call per batch, or plain Java where the network allows it. */
    public enum Inference {
        DL4J,
        JAVA
    }

    /** Loads with DL4J inference. */
    public LoadedModel load(String version) throws IOException {
        return load(version, Inference.DL4J);
    }

    public LoadedModel load(String version, Inference inference) throws IOException {
        ModelManifest manifest = manifest(version);
        if (!version.equals(manifest.version())) {
            throw new IOException(
                    "model " + version + " holds the manifest of model " + manifest.version() + ": refused");
        }
        if (!compatible(manifest)) {
            throw new IncompatibleModelException("model " + version + " was trained on another feature set ("
                    + manifest.features().size() + " features; this version computes " + FeatureCatalogue.SIZE
                    + "): train a new model");
        }
        Path dir = root.resolve(version);
        checksum(dir, version, manifest.networkFile(), manifest.networkSha256());
        if (manifest.autoencoderFile() != null) {
            checksum(dir, version, manifest.autoencoderFile(), manifest.autoencoderSha256());
        }
        verifySignature(dir, version, trust);
        if (manifest.kind().equals("gbdt") || manifest.kind().equals("hybrid-gbdt")) {
            return new LoadedModel(manifest, trees(manifest, dir, inference));
        }
        MultiLayerNetwork network = NetworkArchive.read(dir.resolve(manifest.networkFile()));
        Scorer scorer = switch (manifest.kind()) {
            case "autoencoder" ->
                new AnomalyScorer(manifest.standardizer(), manifest.calibration(), reconstruction(network, inference));
            case "logistic", "dense" -> new ClassifierScorer(manifest.standardizer(), classifier(network, inference));
            case "cnn" ->
                new ClassifierScorer(
                        manifest.standardizer(),
                        new Dl4jClassifier(network, manifest.standardizer().width() / FeatureCatalogue.SIZE));
            case "hybrid" ->
                new ClassifierScorer(
                        manifest.standardizer(),
                        classifier(network, inference),
                        new AnomalyScorer(
                                manifest.standardizer(),
                                manifest.calibration(),
                                reconstruction(
                                        NetworkArchive.read(dir.resolve(manifest.autoencoderFile())), inference)),
                        manifest.errorMean(),
                        manifest.errorScale());
            default -> throw new IOException("model " + version + " has an unknown kind '" + manifest.kind() + "'");
        };
        return new LoadedModel(manifest, scorer);
    }

    /** Trees always run in plain Java; a hybrid's autoencoder as {@code inference} says. */
    private static Scorer trees(ModelManifest manifest, Path dir, Inference inference) throws IOException {
        if (!TreeModelFile.FILE_NAME.equals(manifest.networkFile())) {
            throw new IOException("model " + manifest.version() + " of kind " + manifest.kind() + " names its trees '"
                    + manifest.networkFile() + "' instead of " + TreeModelFile.FILE_NAME + ": refused");
        }
        TreeEnsemble trees = TreeModelFile.read(dir.resolve(manifest.networkFile()));
        if (manifest.kind().equals("gbdt")) {
            return new TreeScorer(trees);
        }
        if (manifest.autoencoderFile() == null) {
            throw new IOException(
                    "model " + manifest.version() + " is a hybrid-gbdt without an autoencoder file: refused");
        }
        return new TreeScorer(
                trees,
                new AnomalyScorer(
                        manifest.standardizer(),
                        manifest.calibration(),
                        reconstruction(NetworkArchive.read(dir.resolve(manifest.autoencoderFile())), inference)));
    }

    private static ReconstructionModel reconstruction(MultiLayerNetwork network, Inference inference) {
        return inference == Inference.JAVA
                ? ForwardPass.of(network).<ReconstructionModel>map(n -> n).orElseGet(() -> new Dl4jAutoencoder(network))
                : new Dl4jAutoencoder(network);
    }

    private static ProbabilityModel classifier(MultiLayerNetwork network, Inference inference) {
        return inference == Inference.JAVA
                ? ForwardPass.of(network).<ProbabilityModel>map(n -> n).orElseGet(() -> new Dl4jClassifier(network))
                : new Dl4jClassifier(network);
    }

    private static void checksum(Path dir, String version, String file, String expectedSha) throws IOException {
        if (file == null || !file.matches("[A-Za-z0-9._-]+")) {
            throw new IOException(
                    "model " + version + " names a network file '" + file + "' outside its folder: refused");
        }
        Path network = dir.resolve(file);
        String actual = sha256(network);
        if (!actual.equals(expectedSha)) {
            throw new ChecksumMismatchException("model " + version + " failed its checksum: expected " + expectedSha
                    + " but " + network + " has " + actual);
        }
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

    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
