package pe.centinela.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupAndBothQuotesAreEscapedAndNullIsEmpty() {
        assertThat(Html.escape("<a href=\"x\" title='y'>R&D</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;R&amp;D&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }
}
