package pe.centinela.core.compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.csv.CsvWriter;
import pe.centinela.core.inference.Money;
import pe.centinela.core.text.Html;
import pe.centinela.core.time.LimaTime;

/**
 * A draft suspicious-transaction report (Reporte de Operaciones Sospechosas, ROS) for the compliance officer to
 * complete and file with UIF-Perú, laid out as the sections of the UIF's form: 1 the reporting entity, 2 the people
 * involved, 3 the operations, 4 the warning signs, 5 the description of the suspicious operation, 6 the measures
 * taken. Every field the platform knows is filled in (amounts in soles and in the operation's currency, dates in Lima
 * time); what it cannot know (documents, names, addresses of the people) is marked for the officer to complete.
 * {@link #form} builds the fields once; {@link #html}, {@link #csv} and {@link #json} only lay them out, so the three
 * formats always hold the same fields. Always marked as a draft: the platform does not file anything.
 */
public final class RosDraft {

    private static final DateTimeFormatter LIMA =
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(LimaTime.ZONE);
    private static final DateTimeFormatter LIMA_DAY =
            DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(LimaTime.ZONE);
    public static final String DRAFT_MARK = "BORRADOR - no presentado a la UIF-Perú";

    /** What the officer fills in: the platform holds no identity documents, names or addresses. */
    public static final String TO_COMPLETE = "[a completar por el Oficial de Cumplimiento]";

    /** One transaction of the case. */
    public record Operation(
            String transactionId,
            String accountId,
            Instant at,
            BigDecimal amountPen,
            String originalCurrency,
            BigDecimal originalAmount,
            String channel,
            String merchantId,
            String mcc,
            String counterparty,
            String country,
            String deviceId,
            String ip,
            List<String> reasons) {}

    /**
     * The case: who files, who is involved, what happened and what the analysts wrote.
     *
     * @param reference what the report is drafted from, as the report names it: "Alerta al-…" or "Caso case-…"
     * @param accounts the case's own accounts (the customers): an operation's beneficiary among them is a customer
     */
    public record Case(
            String reference,
            PlatformConfig.Compliance filer,
            List<String> accounts,
            String decidedBy,
            Instant decidedAt,
            List<Operation> operations,
            List<String> narrative) {}

    /** One field of the form: its number, its label as the form words it, and its value. */
    public record Field(String code, String label, String value) {}

    /** A group of fields: one person, one operation, or the section's own fields (no heading). */
    public record Block(String heading, List<Field> fields) {}

    /** One numbered section of the form. */
    public record Section(int number, String title, List<Block> blocks) {}

    private RosDraft() {}

    /** The form's sections, filled in from the case; {@code drafted} is when the draft is made. */
    public static List<Section> form(Case c, Instant drafted) {
        return List.of(
                reportingEntity(c, drafted), people(c), operations(c), warningSigns(c), description(c), measures(c));
    }

    private static Section reportingEntity(Case c, Instant drafted) {
        PlatformConfig.Compliance filer = c.filer();
        return new Section(
                1,
                "Datos del sujeto obligado",
                List.of(new Block(
                        null,
                        List.of(
                                new Field("1.1", "Razón social", filer.reportingEntity()),
                                new Field("1.2", "RUC", orComplete(filer.ruc())),
                                new Field("1.3", "Oficial de cumplimiento", orComplete(filer.officer())),
                                new Field("1.4", "Referencia interna", c.reference()),
                                new Field("1.5", "Fecha del borrador (hora de Lima)", LIMA.format(drafted))))));
    }

    /** The case's accounts that sent money, who received it, and the shops paid, each once, in order of appearance. */
    private static Section people(Case c) {
        Set<String> customers = new LinkedHashSet<>(c.accounts());
        Map<String, String[]> people = new LinkedHashMap<>();
        for (Operation o : c.operations()) {
            people.putIfAbsent(
                    "a:" + o.accountId(), new String[] {"Titular de la cuenta de origen", o.accountId(), null});
        }
        for (Operation o : c.operations()) {
            if (o.counterparty() != null) {
                people.putIfAbsent("a:" + o.counterparty(), new String[] {"Beneficiario", o.counterparty(), null});
            }
        }
        for (Operation o : c.operations()) {
            if (o.counterparty() == null && o.merchantId() != null) {
                people.putIfAbsent(
                        "m:" + o.merchantId(), new String[] {"Establecimiento (comercio)", o.merchantId(), o.mcc()});
            }
        }
        List<Block> blocks = new ArrayList<>();
        int n = 0;
        for (String[] person : people.values()) {
            n++;
            String code = "2." + n + ".";
            boolean shop = person[2] != null;
            List<Field> fields = new ArrayList<>(List.of(
                    new Field(code + "1", "Relación con las operaciones", person[0]),
                    new Field(
                            code + "2",
                            "Condición",
                            customers.contains(person[1]) ? "Cliente" : "No cliente o por determinar"),
                    new Field(code + "3", shop ? "Código del comercio" : "Número de cuenta", person[1])));
            if (shop) {
                fields.add(new Field(code + "4", "Actividad (MCC)", person[2]));
            }
            int next = fields.size() + 1;
            for (String label : List.of(
                    "Tipo de persona (natural o jurídica)",
                    "Tipo y número de documento",
                    "Apellidos y nombres o razón social",
                    "Nacionalidad",
                    "Domicilio",
                    "Ocupación o actividad económica")) {
                fields.add(new Field(code + next++, label, TO_COMPLETE));
            }
            blocks.add(new Block("Persona " + n, fields));
        }
        return new Section(2, "Personas involucradas", blocks);
    }

    private static Section operations(Case c) {
        List<Block> blocks = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int n = 0;
        for (Operation o : c.operations()) {
            n++;
            total = total.add(o.amountPen());
            String code = "3." + n + ".";
            String currency = o.originalCurrency() == null ? "PEN" : o.originalCurrency();
            BigDecimal amount = o.originalAmount() == null ? o.amountPen() : o.originalAmount();
            String destination = o.counterparty() != null
                    ? "Cuenta " + o.counterparty()
                    : o.merchantId() == null ? "" : "Comercio " + o.merchantId() + " (MCC " + o.mcc() + ")";
            blocks.add(new Block(
                    "Operación " + n,
                    List.of(
                            new Field(code + "1", "Fecha y hora (Lima)", LIMA.format(o.at())),
                            new Field(code + "2", "Tipo de operación", operationType(o.channel())),
                            new Field(code + "3", "Canal", channelName(o.channel())),
                            new Field(code + "4", "Moneda", currency),
                            new Field(code + "5", "Monto en la moneda de la operación", amount.toPlainString()),
                            new Field(
                                    code + "6",
                                    "Monto equivalente en soles",
                                    o.amountPen().toPlainString()),
                            new Field(code + "7", "Cuenta de origen", o.accountId()),
                            new Field(code + "8", "Destino", destination),
                            new Field(code + "9", "País", orEmpty(o.country())),
                            new Field(
                                    code + "10",
                                    "Dispositivo e IP",
                                    orEmpty(o.deviceId()) + (o.ip() == null ? "" : " · " + o.ip())),
                            new Field(code + "11", "Identificador de la operación", o.transactionId()),
                            new Field(code + "12", "Señales detectadas", String.join("; ", o.reasons())))));
        }
        blocks.add(new Block(
                "Resumen",
                List.of(
                        new Field(
                                "3.0.1",
                                "Número de operaciones",
                                String.valueOf(c.operations().size())),
                        new Field("3.0.2", "Monto total en soles", total.toPlainString()),
                        new Field("3.0.3", "Período (Lima)", period(c.operations())))));
        return new Section(3, "Operaciones", blocks);
    }

    /** Each distinct reason the platform gave, with how many of the operations it was given for. */
    private static Section warningSigns(Case c) {
        Map<String, Integer> signs = new LinkedHashMap<>();
        for (Operation o : c.operations()) {
            for (String reason : new LinkedHashSet<>(o.reasons())) {
                signs.merge(reason, 1, Integer::sum);
            }
        }
        List<Field> fields = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Integer> sign : signs.entrySet()) {
            fields.add(new Field(
                    "4." + ++n,
                    "Señal de alerta",
                    sign.getKey() + " (" + sign.getValue() + (sign.getValue() == 1 ? " operación)" : " operaciones)")));
        }
        return new Section(4, "Señales de alerta identificadas", List.of(new Block(null, fields)));
    }

    private static Section description(Case c) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("5.1", "Resumen", summary(c)));
        int n = 0;
        for (String line : c.narrative()) {
            fields.add(new Field("5.2." + ++n, "Narrativa del analista", line));
        }
        return new Section(5, "Descripción de la operación sospechosa", List.of(new Block(null, fields)));
    }

    private static Section measures(Case c) {
        return new Section(
                6,
                "Medidas adoptadas",
                List.of(new Block(
                        null,
                        List.of(
                                new Field("6.1", "Decisión de la empresa", decision(c)),
                                new Field("6.2", "Otras medidas (bloqueos, comunicación al cliente)", TO_COMPLETE)))));
    }

    private static String summary(Case c) {
        List<Operation> ops = c.operations();
        if (ops.isEmpty()) {
            return "Sin operaciones confirmadas.";
        }
        BigDecimal total = ops.stream().map(Operation::amountPen).reduce(BigDecimal.ZERO, BigDecimal::add);
        Set<String> from = new LinkedHashSet<>();
        Set<String> to = new LinkedHashSet<>();
        for (Operation o : ops) {
            from.add(o.accountId());
            if (o.counterparty() != null) {
                to.add("la cuenta " + o.counterparty());
            } else if (o.merchantId() != null) {
                to.add("el comercio " + o.merchantId());
            }
        }
        Instant first = ops.stream().map(Operation::at).min(Instant::compareTo).orElseThrow();
        Instant last = ops.stream().map(Operation::at).max(Instant::compareTo).orElseThrow();
        String when = LIMA_DAY.format(first).equals(LIMA_DAY.format(last))
                ? "El " + LIMA_DAY.format(first)
                : "Entre el " + LIMA_DAY.format(first) + " y el " + LIMA_DAY.format(last);
        return when
                + (ops.size() == 1 ? " se realizó 1 operación" : " se realizaron " + ops.size() + " operaciones")
                + " por un total de " + Money.pen(total.doubleValue()) + " desde "
                + (from.size() == 1 ? "la cuenta " : "las cuentas ") + String.join(", ", from)
                + (to.isEmpty() ? "" : " hacia " + String.join(", ", to)) + ". " + decision(c) + ".";
    }

    private static String decision(Case c) {
        return c.decidedBy() == null
                ? "Confirmadas como fraude"
                : "Confirmadas como fraude por " + c.decidedBy() + " el "
                        + (c.decidedAt() == null ? "" : LIMA.format(c.decidedAt()) + " (hora de Lima)");
    }

    private static String period(List<Operation> ops) {
        if (ops.isEmpty()) {
            return "";
        }
        Instant first = ops.stream().map(Operation::at).min(Instant::compareTo).orElseThrow();
        Instant last = ops.stream().map(Operation::at).max(Instant::compareTo).orElseThrow();
        return LIMA_DAY.format(first).equals(LIMA_DAY.format(last))
                ? LIMA_DAY.format(first)
                : LIMA_DAY.format(first) + " – " + LIMA_DAY.format(last);
    }

    static String operationType(String channel) {
        return switch (channel == null ? "" : channel) {
            case "pos" -> "Compra con tarjeta en establecimiento";
            case "ecommerce" -> "Compra con tarjeta no presente (comercio electrónico)";
            case "atm" -> "Retiro de efectivo";
            case "transfer" -> "Transferencia de fondos";
            case "wallet" -> "Transferencia por billetera electrónica";
            default -> orEmpty(channel);
        };
    }

    static String channelName(String channel) {
        return switch (channel == null ? "" : channel) {
            case "pos" -> "POS";
            case "ecommerce" -> "Internet";
            case "atm" -> "Cajero automático";
            case "transfer" -> "Banca por internet o móvil";
            case "wallet" -> "Billetera electrónica";
            default -> orEmpty(channel);
        };
    }

    private static String orComplete(String value) {
        return value == null ? TO_COMPLETE : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Every field as one row: section, block, number, label, value; for a spreadsheet or the officer's own tools. */
    public static String csv(Case c, Instant drafted) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(DRAFT_MARK).append('\n');
        out.append("seccion,bloque,campo,descripcion,valor\n");
        for (Section section : form(c, drafted)) {
            for (Block block : section.blocks()) {
                for (Field field : block.fields()) {
                    out.append(String.join(
                                    ",",
                                    CsvWriter.spreadsheetCell(section.number() + ". " + section.title()),
                                    CsvWriter.spreadsheetCell(block.heading() == null ? "" : block.heading()),
                                    field.code(),
                                    CsvWriter.spreadsheetCell(field.label()),
                                    CsvWriter.spreadsheetCell(field.value())))
                            .append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The form as data: {@code {draft, mark, reference, sections: [{number, title, blocks: [{heading, fields}]}]}}. */
    public static Map<String, Object> json(Case c, Instant drafted) {
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Section section : form(c, drafted)) {
            List<Map<String, Object>> blocks = new ArrayList<>();
            for (Block block : section.blocks()) {
                List<Map<String, Object>> fields = new ArrayList<>();
                for (Field field : block.fields()) {
                    fields.add(Map.of("code", field.code(), "label", field.label(), "value", field.value()));
                }
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("heading", block.heading());
                json.put("fields", fields);
                blocks.add(json);
            }
            sections.add(Map.of("number", section.number(), "title", section.title(), "blocks", blocks));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("draft", true);
        json.put("mark", DRAFT_MARK);
        json.put("reference", c.reference());
        json.put("sections", sections);
        return json;
    }

    public static String html(Case c, Instant drafted) {
        StringBuilder body = new StringBuilder();
        for (Section section : form(c, drafted)) {
            body.append("<section><h2>")
                    .append(section.number())
                    .append(". ")
                    .append(Html.escape(section.title()))
                    .append("</h2>");
            for (Block block : section.blocks()) {
                if (block.heading() != null) {
                    body.append("<h3>").append(Html.escape(block.heading())).append("</h3>");
                }
                body.append("<table>");
                for (Field field : block.fields()) {
                    body.append("<tr><th>")
                            .append(field.code())
                            .append("</th><td class=\"label\">")
                            .append(Html.escape(field.label()))
                            .append("</td><td")
                            .append(TO_COMPLETE.equals(field.value()) ? " class=\"todo\">" : ">")
                            .append(Html.escape(field.value()))
                            .append("</td></tr>");
                }
                body.append("</table>");
            }
            body.append("</section>");
        }
        return "<!doctype html><html lang=\"es-PE\"><head><meta charset=\"utf-8\"><title>ROS (borrador) "
                + Html.escape(c.reference()) + "</title><style>"
                + "body{font-family:serif;margin:2cm;position:relative}.draft{position:fixed;top:40%;left:10%;font-size:64px;color:rgba(200,0,0,.15);"
                + "transform:rotate(-30deg);z-index:-1}table{border-collapse:collapse;width:100%;margin-bottom:8px}"
                + "td,th{border:1px solid #999;padding:4px;font-size:12px;text-align:left;vertical-align:top}th{width:4em}"
                + ".label{width:30%}.todo{color:#a00;font-style:italic}h3{font-size:14px;margin:12px 0 4px}"
                + "section{break-inside:auto}@media print{.draft{position:fixed}}</style></head><body><div class=\"draft\">BORRADOR</div>"
                + "<p><strong>" + DRAFT_MARK + "</strong></p>"
                + "<h1>Reporte de Operaciones Sospechosas — borrador</h1>"
                + body
                + "<p>Este borrador debe ser revisado, completado y presentado por el Oficial de Cumplimiento.</p></body></html>";
    }
}
