package org.esignonbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an export's text becomes in the plain-text log: nothing in it can end a line or steer a terminal. */
class LogEscapingTest {

    @Test
    void lineBreaksControlCharactersAndBidirectionalOverridesAreWrittenAsEscapes() {
        assertThat(LogEscaping.escape("a\r\nb")).isEqualTo("a\\r\\nb");
        assertThat(LogEscaping.escape("x\u001b[31mred")).isEqualTo("x\\u001B[31mred");
        assertThat(LogEscaping.escape("x\u2028y\u2029z")).isEqualTo("x\\u2028y\\u2029z");
        assertThat(LogEscaping.escape("\u202eevil\u2066")).isEqualTo("\\u202Eevil\\u2066");
        assertThat(LogEscaping.escape("nul\u0000 del\u007f c1\u0085")).isEqualTo("nul\\u0000 del\\u007F c1\\u0085");
    }

    @Test
    void ordinaryTextTabsAndKoreanStayAsTheyAre() {
        String text = "Export 7 wfuid=20261104-002310\t보증금 금액이 다릅니다 (https://docs.esignon.net/****)";
        assertThat(LogEscaping.escape(text)).isSameAs(text);
        assertThat(LogEscaping.escape(null)).isNull();
    }
}
