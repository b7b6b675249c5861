package org.esignonbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check of a presented secret: the same text, exactly. */
class ConstantTimeSecretTest {

    private final ConstantTimeSecret secret = new ConstantTimeSecret("s3cr3t-비밀-7f3a");

    @Test
    void onlyTheSameTextMatches() {
        assertThat(secret.matches("s3cr3t-비밀-7f3a")).isTrue();
        assertThat(secret.matches("s3cr3t-비밀-7f3b")).isFalse();
        assertThat(secret.matches("S3CR3T-비밀-7F3A")).as("case").isFalse();
        assertThat(secret.matches("s3cr3t-비밀-7f3a ")).as("a trailing space").isFalse();
        assertThat(secret.matches("s3cr3t-비밀")).as("a prefix").isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
    }
}
