package org.esignonbridge.sheets;

import org.apache.camel.LoggingLevel;
import org.apache.camel.component.google.sheets.GoogleSheetsComponent;
import org.apache.camel.component.google.sheets.GoogleSheetsConfiguration;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives camel-google-sheets the product's client factory and key file, and the sync its retry policy. */
@Configuration(proxyBeanMethods = false)
public class SheetsConfiguration {

    /** Retries never stop (rows wait, they are not dropped); the wait doubles, with jitter. */
    @Bean
    RedeliveryPolicy sheetRetryPolicy(SheetsProperties properties) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(-1);
        policy.setRedeliveryDelay(properties.retryInitialDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setUseCollisionAvoidance(true);
        policy.setMaximumRedeliveryDelay(properties.retryMaxDelay().toMillis());
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setLogRetryStackTrace(false);
        policy.setAllowRedeliveryWhileStopping(false);
        return policy;
    }

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
