package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.google.drive.GoogleDriveComponent;
import org.apache.camel.component.google.drive.GoogleDriveConfiguration;
import org.apache.camel.component.google.sheets.GoogleSheetsComponent;
import org.apache.camel.component.google.sheets.GoogleSheetsConfiguration;
import org.esignonbridge.EsignonBridgeApplication;
import org.esignonbridge.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * docs/google.md, "OAuth client instead of a service account": the environment variables it names reach
 * camel-google-sheets, and the product then uses the OAuth client rather than a key file; the archive's
 * google-drive store acts as the same account (camel-google-drive gets the same client).
 */
class SheetOauthSettingsTest {

    @Test
    void theReadmesEnvironmentVariablesSetTheOauthClient() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "CAMEL_COMPONENT_GOOGLESHEETS_CLIENTID", "1234-abc.apps.googleusercontent.com",
                        "CAMEL_COMPONENT_GOOGLESHEETS_CLIENTSECRET", "GOCSPX-example",
                        "CAMEL_COMPONENT_GOOGLESHEETS_REFRESHTOKEN", "1//0example-refresh-token",
                        "ESIGNON_SHEETS_ENABLED", "true",
                        "ESIGNON_SHEETS_SPREADSHEETID", "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEF",
                        "ESIGNON_ARCHIVE_STORE", "google-drive",
                        "ESIGNON_ARCHIVE_DRIVE_FOLDERID", "1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVw")));

        try (ConfigurableApplicationContext product = new SpringApplicationBuilder(EsignonBridgeApplication.class, TestDatabase.class)
                .environment(environment)
                .run("--spring.config.additional-location=classpath:test.properties", "--server.port=0",
                        "--esignon.sheets.poll-interval=1h")) {
            GoogleSheetsConfiguration google = product.getBean(CamelContext.class)
                    .getComponent("google-sheets", GoogleSheetsComponent.class).getConfiguration();

            assertThat(google.getClientId()).isEqualTo("1234-abc.apps.googleusercontent.com");
            assertThat(google.getClientSecret()).isEqualTo("GOCSPX-example");
            assertThat(google.getRefreshToken()).isEqualTo("1//0example-refresh-token");
            assertThat(google.getServiceAccountKey()).isNull();

            GoogleDriveConfiguration drive = product.getBean(CamelContext.class)
                    .getComponent("google-drive", GoogleDriveComponent.class).getConfiguration();
            assertThat(drive.getClientId()).isEqualTo(google.getClientId());
            assertThat(drive.getClientSecret()).isEqualTo(google.getClientSecret());
            assertThat(drive.getRefreshToken()).isEqualTo(google.getRefreshToken());
            assertThat(drive.getServiceAccountKey()).isNull();
        }
    }
}
