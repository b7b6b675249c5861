package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;

@ExtendWith(OutputCaptureExtension.class)
class SecretConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ExportProperties.class)
    @Import(ExportAuthenticator.class)
    static class Receive {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Receive.class);

    @Test
    void theProductDoesNotStartWithoutASecret() {
        context.withPropertyValues("esignon.export.authorization=").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("ESIGNON_EXPORT_AUTHORIZATION");
        });
    }

    @Test
    void theShippedExampleSecretIsRefusedUnlessADevelopmentSettingAllowsIt() {
        context.withPropertyValues("esignon.export.authorization=" + ExportProperties.EXAMPLE_AUTHORIZATION).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("is the example secret printed in the README")
                    .hasMessageContaining("esignon.export.allow-example-authorization=true");
        });
    }

    @Test
    void theExampleSecretAllowedForDevelopmentIsWarnedAbout(CapturedOutput output) {
        context.withPropertyValues("esignon.export.authorization=" + ExportProperties.EXAMPLE_AUTHORIZATION,
                "esignon.export.allow-example-authorization=true").run(started -> {
            started.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], started, null));

            assertThat(output).contains("esignon.export.authorization is still the example secret");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {" s3cr3t-from-the-vault", "s3cr3t-from-the-vault\n", "s3cr3t-from-the-vault\t", "비밀-s3cr3t", "s3cr3t\u0000x"})
    void aSecretAHeaderCannotCarryIsRefusedWithTheReason(String secret) {
        // as an environment variable sets it: not trimmed
        context.withInitializer(app -> app.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("environment", Map.of("esignon.export.authorization", secret)))).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("can never match")
                    .hasMessageNotContaining(secret.strip());
        });
    }

    @Test
    void aRealSecretIsNotWarnedAboutNorLogged(CapturedOutput output) {
        context.withPropertyValues("esignon.export.authorization=s3cr3t-from-the-vault").run(started -> {
            started.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], started, null));

            assertThat(output).doesNotContain("example secret").doesNotContain("s3cr3t-from-the-vault");
        });
    }
}
