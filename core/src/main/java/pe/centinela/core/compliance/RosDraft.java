package pe.centinela.core.compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import pe.centinela.core.csv.CsvWriter;
import pe.centinela.core.inference.Money;
import pe.centinela.core.text.Html;
import pe.centinela.core.time.LimaTime;

/**
 * A draft suspicious-transaction report (Reporte de Operaciones Sospechosas, ROS) for the compliance officer to
 * complete and file with UIF-Perú: the parties, the transactions with amounts and dates in Lima time, the reasons the
 * platform gave, and the analysts' narrative. Always marked as a draft: the platform does not file anything.
 */
public final class RosDraft {

    private static final DateTimeFormatter LIMA =
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(LimaTime.ZONE);
    public static final String DRAFT_MARK = "BORRADOR - no presentado a la UIF-Perú";

    /** One transaction of the case. */
    public record Operation(
            String transactionId,
            Instant at,
            BigDecimal amountPen,
            String originalCurrency,
            BigDecimal originalAmount,
            String channel,
            String merchantId,
            String mcc,
            String counterparty,
            List<String> reasons) {}

    /**
     * The case: who, what, and what the analysts wrote.
     *
     * @param reference what the report is drafted from, as the report names it: "Alerta al-…" or "Caso case-…"
     */
    public record Case(
            String reference,
            String reportingEntity,
            String accountId,
            String decidedBy,
            Instant decidedAt,
            List<Operation> operations,
            List<String> narrative) {}

    private RosDraft() {}

    public static String csv(Case c) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(DRAFT_MARK).append('\n');
        out.append(
                "referencia,sujeto_obligado,cuenta,fecha_lima,operacion,monto_pen,moneda_original,monto_original,canal,comercio,mcc,contraparte,motivos,decidido_por\n");
        for (Operation o : c.operations()) {
            out.append(String.join(
                            ",",
                            CsvWriter.spreadsheetCell(c.reference()),
                            CsvWriter.spreadsheetCell(c.reportingEntity()),
                            CsvWriter.spreadsheetCell(c.accountId()),
                            CsvWriter.spreadsheetCell(LIMA.format(o.at())),
                            CsvWriter.spreadsheetCell(o.transactionId()),
                            o.amountPen().toPlainString(),
                            CsvWriter.spreadsheetCell(o.originalCurrency()),
                            o.originalAmount() == null ? "" : o.originalAmount().toPlainString(),
                            CsvWriter.spreadsheetCell(o.channel()),
                            CsvWriter.spreadsheetCell(o.merchantId()),
                            CsvWriter.spreadsheetCell(o.mcc()),
                            CsvWriter.spreadsheetCell(o.counterparty()),
                            CsvWriter.spreadsheetCell(String.join("; ", o.reasons())),
                            CsvWriter.spreadsheetCell(c.decidedBy())))
                    .append('\n');
        }
        return out.toString();
    }

    public static String html(Case c) {
        BigDecimal total = c.operations().stream().map(Operation::amountPen).reduce(BigDecimal.ZERO, BigDecimal::add);
        StringBuilder rows = new StringBuilder();
        for (Operation o : c.operations()) {
            rows.append("<tr><td>")
                    .append(LIMA.format(o.at()))
                    .append("</td><td>")
                    .append(Html.escape(o.transactionId()))
                    .append("</td><td class=\"n\">")
                    .append(Money.pen(o.amountPen().doubleValue()))
                    .append("</td><td>")
                    .append(Html.escape(o.channel()))
                    .append("</td><td>")
                    .append(Html.escape(o.merchantId()))
                    .append(" (MCC ")
                    .append(Html.escape(o.mcc()))
                    .append(")</td><td>")
                    .append(Html.escape(o.counterparty()))
                    .append("</td><td>")
                    .append(Html.escape(String.join("; ", o.reasons())))
                    .append("</td></tr>");
        }
        StringBuilder narrative = new StringBuilder();
        for (String line : c.narrative()) {
            narrative.append("<li>").append(Html.escape(line)).append("</li>");
        }
        return "<!doctype html><html lang=\"es-PE\"><head><meta charset=\"utf-8\"><title>ROS (borrador) "
                + Html.escape(c.reference()) + "</title><style>"
                + "body{font-family:serif;margin:2cm;position:relative}.draft{position:fixed;top:40%;left:10%;font-size:64px;color:rgba(200,0,0,.15);"
                + "transform:rotate(-30deg);z-index:-1}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;font-size:12px}"
                + ".n{text-align:right}@media print{.draft{position:fixed}}</style></head><body><div class=\"draft\">BORRADOR</div>"
                + "<p><strong>" + DRAFT_MARK + "</strong></p>"
                + "<h1>Reporte de Operaciones Sospechosas — borrador</h1>"
                + "<p>Sujeto obligado: " + Html.escape(c.reportingEntity()) + "<br>" + Html.escape(c.reference())
                + "<br>Cuenta del cliente: "
                + Html.escape(c.accountId()) + "<br>Confirmado como fraude por " + Html.escape(c.decidedBy()) + " el "
                + (c.decidedAt() == null ? "" : LIMA.format(c.decidedAt())) + " (hora de Lima)</p>"
                + "<h2>Operaciones</h2><table><tr><th>Fecha (Lima)</th><th>Operación</th><th>Monto</th><th>Canal</th><th>Comercio</th><th>Contraparte</th>"
                + "<th>Motivos</th></tr>" + rows
                + "<tr><td colspan=\"2\"><strong>Total</strong></td><td class=\"n\"><strong>"
                + Money.pen(total.doubleValue())
                + "</strong></td><td colspan=\"4\"></td></tr></table>"
                + "<h2>Narrativa del analista</h2><ul>" + narrative + "</ul>"
                + "<p>Este borrador debe ser revisado, completado y presentado por el Oficial de Cumplimiento.</p></body></html>";
    }
}
