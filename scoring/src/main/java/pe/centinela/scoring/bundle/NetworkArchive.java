package pe.centinela.scoring.bundle;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network file as DL4J's {@link ModelSerializer} writes it without the updater: a zip of {@code configuration.json}
 * and {@code coefficients.bin} (ND4J's binary array format). Read here without {@code ModelSerializer}, whose restore
 * also Java-deserializes a {@code preprocessor.bin} entry when one is present: any entry but those two refuses the file,
 * so no bytes of a bundle ever reach an {@code ObjectInputStream}.
 */
final class NetworkArchive {

    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    private static final Set<String> EXPECTED = Set.of(CONFIGURATION, COEFFICIENTS);
    private static final long MAX_ENTRY_BYTES = 512L * 1024 * 1024;

    private NetworkArchive() {}

    static void write(MultiLayerNetwork network, Path file) throws IOException {
        ModelSerializer.writeModel(network, file.toFile(), false);
    }

    static MultiLayerNetwork read(Path file) throws IOException {
        Map<String, byte[]> entries = entries(file);
        for (String name : EXPECTED) {
            if (!entries.containsKey(name)) {
                throw new IOException(file + " is not a network file: it holds no " + name);
            }
        }
        MultiLayerConfiguration configuration;
        try {
            configuration =
                    MultiLayerConfiguration.fromJson(new String(entries.get(CONFIGURATION), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(file + " has an unreadable " + CONFIGURATION + ": " + e.getMessage(), e);
        }
        INDArray parameters;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entries.get(COEFFICIENTS)))) {
            parameters = Nd4j.read(in);
        } catch (RuntimeException e) {
            throw new IOException(file + " has unreadable " + COEFFICIENTS + ": " + e.getMessage(), e);
        }
        configuration.setDataType(parameters.dataType());
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init(parameters, false);
        return network;
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream raw = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!EXPECTED.contains(name)) {
                    throw new IOException(file.getFileName() + " holds an entry '" + name
                            + "' that a model network may not have (only "
                            + CONFIGURATION + " and " + COEFFICIENTS
                            + "; serialized Java objects such as a preprocessor or normalizer are "
                            + "never loaded): refused");
                }
                if (entries.containsKey(name)) {
                    throw new IOException(file.getFileName() + " holds " + name + " twice: refused");
                }
                byte[] content = zip.readNBytes((int) Math.min(MAX_ENTRY_BYTES + 1, Integer.MAX_VALUE - 8));
                if (content.length > MAX_ENTRY_BYTES) {
                    throw new IOException(file.getFileName() + " has a " + name + " larger than " + MAX_ENTRY_BYTES
                            + " bytes: refused");
                }
                entries.put(name, content);
            }
        }
        return entries;
    }
}
