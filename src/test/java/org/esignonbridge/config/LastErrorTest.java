package org.esignonbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An error message cut to what the last_error columns hold. */
class LastErrorTest {

    @Test
    void aMessageLongerThanTheColumnIsCutToItAndAShorterOneKept() {
        assertThat(LastError.fit("x".repeat(1001))).isEqualTo("x".repeat(1000));
        assertThat(LastError.fit("x".repeat(1000))).hasSize(1000);
        assertThat(LastError.fit("Google answered 503")).isEqualTo("Google answered 503");
        assertThat(LastError.fit(null)).isNull();
    }
}
