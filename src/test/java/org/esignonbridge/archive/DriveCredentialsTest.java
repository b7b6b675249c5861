package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.google.drive.GoogleDriveComponent;
import org.apache.camel.component.google.drive.GoogleDriveConfiguration;
import org.esignonbridge.EsignonBridgeApplication;
import org.esignonbridge.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The google-drive store acts as the sheet's Google account: docs/google.md's OAuth client variables reach
 * camel-google-drive too (the service-account key path is driven end to end by ArchiveToDriveTest).
 */
class DriveCredentialsTest {

    @Test
    void theSheetsOauthClientIsTheDriveStoresToo() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "CAMEL_COMPONENT_GOOGLESHEETS_CLIENTID", "1234-abc.apps.googleusercontent.com",
                        "CAMEL_COMPONENT_GOOGLESHEETS_CLIENTSECRET", "GOCSPX-example",
                        "CAMEL_COMPONENT_GOOGLESHEETS_REFRESHTOKEN", "1//0example-refresh-token",
                        "ESIGNON_ARCHIVE_STORE", "google-drive",
                        "ESIGNON_ARCHIVE_DRIVE_FOLDERID", "1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVw")));

        try (ConfigurableApplicationContext product = new SpringApplicationBuilder(EsignonBridgeApplication.class, TestDatabase.class)
                .environment(environment)
                .run("--spring.config.additional-location=classpath:test.properties", "--server.port=0")) {
            GoogleDriveConfiguration google = product.getBean(CamelContext.class)
                    .getComponent("google-drive", GoogleDriveComponent.class).getConfiguration();

            assertThat(google.getClientId()).isEqualTo("1234-abc.apps.googleusercontent.com");
            assertThat(google.getClientSecret()).isEqualTo("GOCSPX-example");
            assertThat(google.getRefreshToken()).isEqualTo("1//0example-refresh-token");
            assertThat(google.getServiceAccountKey()).isNull();
            assertThat(product.getBean(CamelContext.class).getRoute("archive-to-google-drive")).isNotNull();
        }
    }
}
