package pe.centinela.scoring.training;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import pe.centinela.core.csv.CsvWriter;
import pe.centinela.core.features.FeatureCatalogue;

/**
 * Writes a replayed history's feature rows as a gzipped CSV (window, transaction id, time, label, then one column per
 * catalogue feature; training rows as sampled by {@code --legit-sample}), so a data analyst can check the features, or a reference model, in their own tools.
 */
public final class FeatureTable {

    private FeatureTable() {}

    public static void write(LabelledHistory history, Path file) throws IOException {
        try (BufferedWriter out = new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            out.write("window,transaction_id,time,fraud");
            for (int j = 0; j < FeatureCatalogue.SIZE; j++) {
                out.write(',');
                out.write(FeatureCatalogue.feature(j).name());
            }
            out.write('\n');
            write(out, "train", history.train());
            write(out, "validation", history.validation());
            write(out, "test", history.test());
        }
    }

    private static void write(BufferedWriter out, String window, LabelledHistory.Part part) throws IOException {
        double[][] rows = part.rows();
        boolean[] labels = part.labels();
        long[] times = part.times();
        StringBuilder line = new StringBuilder(1024);
        for (int i = 0; i < rows.length; i++) {
            line.setLength(0);
            line.append(window)
                    .append(',')
                    .append(CsvWriter.cell(part.ids().get(i)))
                    .append(',')
                    .append(Instant.ofEpochSecond(times[i]))
                    .append(',')
                    .append(labels[i] ? 1 : 0);
            for (double value : rows[i]) {
                line.append(',').append((float) value);
            }
            out.append(line).append('\n');
        }
    }
}
