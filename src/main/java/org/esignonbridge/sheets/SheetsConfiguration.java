package org.esignonbridge.sheets;

import org.apache.camel.component.google.sheets.GoogleSheetsComponent;
import org.apache.camel.component.google.sheets.GoogleSheetsConfiguration;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives camel-google-sheets the product's client factory and key file. */
@Configuration(proxyBeanMethods = false)
public class SheetsConfiguration {

    @Bean
    ComponentCustomizer googleSheetsClient(SheetsClientFactory factory, SheetsProperties properties) {
        return ComponentCustomizer.forType(GoogleSheetsComponent.class, component -> {
            component.setClientFactory(factory);
            GoogleSheetsConfiguration configuration = component.getConfiguration();
            if (configuration == null) {
                configuration = new GoogleSheetsConfiguration();
                component.setConfiguration(configuration);
            }
            boolean oauthClient = configuration.getClientId() != null && configuration.getClientSecret() != null;
            if (!oauthClient && properties.credentialsFile() != null && !properties.credentialsFile().isBlank()) {
                configuration.setServiceAccountKey("file:" + properties.credentialsFile());
            }
        });
    }
}
