package pe.centinela.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Row> read(String text) throws IOException {
        List<CsvReader.Row> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text), ',')) {
            CsvReader.Row row;
            while ((row = reader.next(true)) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws IOException {
        List<CsvReader.Row> rows = read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).fields()).containsExactly("x, y", "say \"hi\"");
        assertThat(rows.get(2).fields()).containsExactly("two\nlines", "z");
        assertThat(rows.get(2).line()).isEqualTo(3);
    }

    @Test
    void lineNumbersCountBlankLinesAndEmbeddedBreaks() throws IOException {
        List<CsvReader.Row> rows = read("h\n\n\"a\nb\"\nc\n");
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1L, 3L, 5L);
    }

    @Test
    void emptyFieldsAreKept() throws IOException {
        assertThat(read("a,,c,\n").get(0).fields()).containsExactly("a", "", "c", "");
    }

    @Test
    void anUnclosedQuoteNamesItsLineAndColumn() {
        assertThatThrownBy(() -> read("h1,h2\nok,\"never closed\n"))
                .isInstanceOf(CsvReader.MalformedCsvException.class)
                .hasMessageContaining("line 2, column 2");
    }

    @Property(tries = 3000)
    void arbitraryTextEitherReadsOrFailsAsMalformed(
            @ForAll @StringLength(max = 200) @Chars({'a', 'b', ',', '"', '\n', '\r', ' ', 'é', '\t'}) String text) {
        try {
            for (CsvReader.Row row : read(text)) {
                assertThat(row.fields()).isNotEmpty();
                assertThat(row.line()).isPositive();
            }
        } catch (CsvReader.MalformedCsvException e) {
            assertThat(e.line()).isPositive();
        } catch (IOException e) {
            throw new AssertionError("only a malformed-CSV error is expected", e);
        }
    }
}
