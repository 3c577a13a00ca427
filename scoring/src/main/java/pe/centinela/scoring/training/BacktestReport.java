package pe.centinela.scoring.training;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pe.centinela.core.evaluation.Evaluation;
import pe.centinela.core.json.Json;
import pe.centinela.core.text.Html;

/** Writes a backtest's results: metrics.json, scores.csv, roc.svg, pr.svg and a self-contained report.html. */
public final class BacktestReport {

    private static final String[] COLOURS = {"#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#6c4f8b"};

    private BacktestReport() {}

    public static void write(Backtest.Result result, String dataName, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(
                dir.resolve("metrics.json"),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(metrics(result, dataName)));
        writeScores(result, dir.resolve("scores.csv"));
        String roc = curve(result.models(), true);
        String pr = curve(result.models(), false);
        Files.writeString(dir.resolve("roc.svg"), roc, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("pr.svg"), pr, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(result, dataName, roc, pr), StandardCharsets.UTF_8);
    }

    static Map<String, Object> metrics(Backtest.Result result, String dataName) {
        Map<String, Object> m = new LinkedHashMap<>();
        LabelledHistory h = result.history();
        m.put("data", dataName);
        m.put("windows", h.windows());
        m.put(
                "rows",
                Map.of(
                        "replayed",
                        h.replayed(),
                        "train",
                        h.train().size(),
                        "train_frauds",
                        h.train().frauds(),
                        "validation",
                        h.validation().size(),
                        "validation_frauds",
                        h.validation().frauds(),
                        "test",
                        h.test().size(),
                        "test_frauds",
                        h.test().frauds()));
        m.put(
                "options",
                Map.of(
                        "imbalance",
                        result.options().imbalance().name().toLowerCase(Locale.ROOT),
                        "alerts_per_day",
                        result.options().alertsPerDay(),
                        "top_k",
                        result.options().topK(),
                        "legitimate_sample",
                        result.options().legitimateSample(),
                        "seed",
                        result.options().seed()));
        Map<String, Object> models = new LinkedHashMap<>();
        for (Backtest.ModelResult r : result.models()) {
            Evaluation e = r.test();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("settings", r.settings());
            row.put("roc_auc", e.rocAuc());
            row.put("average_precision", e.averagePrecision());
            row.put("threshold", e.threshold());
            row.put("precision", e.precision());
            row.put("recall", e.recall());
            row.put("f1", e.f1());
            row.put("precision_at_top_k_per_day", e.precisionAtTopK());
            row.put(
                    "confusion",
                    Map.of(
                            "tp",
                            e.truePositives(),
                            "fp",
                            e.falsePositives(),
                            "tn",
                            e.trueNegatives(),
                            "fn",
                            e.falseNegatives()));
            row.put("validation_average_precision", r.validation().averagePrecision());
            row.put("seconds", r.seconds());
            models.put(r.family().code(), row);
        }
        m.put("test", models);
        return m;
    }

    private static void writeScores(Backtest.Result result, Path file) throws IOException {
        LabelledHistory.Part test = result.history().test();
        long[] times = test.times();
        boolean[] labels = test.labels();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("transaction_id,timestamp,fraud");
            for (Backtest.ModelResult r : result.models()) {
                out.write("," + r.family().code());
            }
            out.write("\n");
            for (int i = 0; i < test.size(); i++) {
                out.write(test.ids().get(i));
                out.write("," + java.time.Instant.ofEpochSecond(times[i]) + "," + (labels[i] ? 1 : 0));
                for (Backtest.ModelResult r : result.models()) {
                    out.write(String.format(Locale.ROOT, ",%.6g", r.testScores()[i]));
                }
                out.write("\n");
            }
        }
    }

    static String curve(List<Backtest.ModelResult> models, boolean roc) {
        int size = 360;
        int pad = 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(size + 2 * pad)
                .append("\" height=\"")
                .append(size + 2 * pad)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.append("<rect x=\"")
                .append(pad)
                .append("\" y=\"")
                .append(pad)
                .append("\" width=\"")
                .append(size)
                .append("\" height=\"")
                .append(size)
                .append("\" fill=\"white\" stroke=\"#444\"/>");
        svg.append("<text x=\"")
                .append(pad + size / 2)
                .append("\" y=\"")
                .append(size + pad + 30)
                .append("\" text-anchor=\"middle\">")
                .append(roc ? "false positive rate" : "recall")
                .append("</text>");
        svg.append("<text x=\"12\" y=\"")
                .append(pad + size / 2)
                .append("\" transform=\"rotate(-90 12 ")
                .append(pad + size / 2)
                .append(")\" text-anchor=\"middle\">")
                .append(roc ? "true positive rate" : "precision")
                .append("</text>");
        if (roc) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>",
                    pad,
                    pad + size,
                    pad + size,
                    pad));
        }
        for (int m = 0; m < models.size(); m++) {
            Evaluation e = models.get(m).test();
            List<double[]> points = roc ? e.roc() : e.pr();
            StringBuilder path = new StringBuilder();
            for (double[] p : points) {
                path.append(path.length() == 0 ? "M" : " L")
                        .append(String.format(Locale.ROOT, "%.1f %.1f", pad + p[0] * size, pad + (1 - p[1]) * size));
            }
            String colour = COLOURS[m % COLOURS.length];
            svg.append("<path d=\"")
                    .append(path)
                    .append("\" fill=\"none\" stroke=\"")
                    .append(colour)
                    .append("\" stroke-width=\"2\"/>");
            double area = roc ? e.rocAuc() : e.averagePrecision();
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s (%s %.3f)</text>",
                    pad + 8,
                    pad + 16 + 14 * m + (roc ? size - 100 : 0),
                    colour,
                    models.get(m).family().code(),
                    roc ? "AUC" : "AP",
                    area));
        }
        return svg.append("</svg>").toString();
    }

    private static String html(Backtest.Result result, String dataName, String roc, String pr) {
        LabelledHistory h = result.history();
        StringBuilder rows = new StringBuilder();
        for (Backtest.ModelResult r : result.models()) {
            Evaluation e = r.test();
            rows.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%d / %d / %d / %d</td><td>%s</td></tr>",
                    r.family().code(),
                    e.rocAuc(),
                    e.averagePrecision(),
                    e.precision(),
                    e.recall(),
                    e.f1(),
                    e.precisionAtTopK(),
                    e.truePositives(),
                    e.falsePositives(),
                    e.falseNegatives(),
                    e.trueNegatives(),
                    Html.escape(r.settings())));
        }
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest: "
                + Html.escape(dataName)
                + "</title><style>"
                + "body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "td:first-child,th:first-child,td:last-child{text-align:left}</style></head><body>"
                + "<h1>Backtest of " + Html.escape(dataName) + "</h1>"
                + "<p>Time-ordered protocol: trained on " + h.windows().start() + " to "
                + h.windows().trainEnd() + " (validation, for early stopping and the"
                + " threshold, from " + h.windows().validationStart() + "), labels of the following "
                + result.options().delay().toDays()
                + " days not yet known, tested once on " + h.windows().testStart() + " to "
                + h.windows().testEnd() + ". Nothing was tuned on the test window.</p>"
                + "<p>Rows: " + h.replayed() + " replayed; training "
                + h.train().size() + " (" + h.train().frauds() + " fraud; legitimate rows sampled at "
                + result.options().legitimateSample() + "), validation "
                + h.validation().size() + " (" + h.validation().frauds() + " fraud), test "
                + h.test().size() + " (" + h.test().frauds() + " fraud). Threshold: "
                + result.options().alertsPerDay() + " alerts per day on the validation window;"
                + " top-k: the " + result.options().topK() + " highest scores of each day.</p>"
                + "<table><tr><th>model</th><th>ROC-AUC</th><th>average precision</th><th>precision</th><th>recall</th><th>F1</th><th>precision in top-"
                + result.options().topK() + "/day</th><th>TP / FP / FN / TN</th><th>settings</th></tr>" + rows
                + "</table>"
                + "<h2>ROC</h2>" + roc + "<h2>Precision and recall</h2>" + pr + "</body></html>";
    }
}
