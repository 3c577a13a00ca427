package pe.centinela.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void aCellIsQuotedOnlyWhenItMustBeAndReadsBackAsWritten() throws Exception {
        assertThat(CsvWriter.cell("plain")).isEqualTo("plain");
        assertThat(CsvWriter.cell((String) null)).isEmpty();
        String awkward = "a,\"b\"\nc\rd";
        String line = CsvWriter.cell(awkward) + "," + CsvWriter.cell("x");
        assertThat(line).isEqualTo("\"a,\"\"b\"\"\nc\rd\",x");
        try (CsvReader reader = new CsvReader(new java.io.StringReader(line + "\n"), ',')) {
            assertThat(reader.next(false).fields()).containsExactly(awkward, "x");
        }
    }

    @Test
    void aCsvCellThatASpreadsheetWouldRunAsAFormulaStartsWithAnApostrophe() {
        assertThat(CsvWriter.spreadsheetCell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(CsvWriter.spreadsheetCell("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvWriter.spreadsheetCell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvWriter.spreadsheetCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.spreadsheetCell("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvWriter.spreadsheetCell("=HYPERLINK(\"http://x\",\"y\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(CsvWriter.spreadsheetCell("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(CsvWriter.spreadsheetCell("acc-000801")).isEqualTo("acc-000801");
    }
}
