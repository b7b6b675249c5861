package org.esignonbridge.receive;

import org.esignonbridge.config.ConstantTimeSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks the secret eSignon sends in the {@code authorization} header against the configured one,
 * in constant time. {@link RawExportBodyFilter} asks it before a byte of the body is read: the one
 * check, so the export route never sees a caller without the secret.
 */
@Component("exportAuthenticator")
public class ExportAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ExportAuthenticator.class);

    private final ExportProperties properties;
    private final ConstantTimeSecret secret;

    public ExportAuthenticator(ExportProperties properties) {
        this.properties = properties;
        this.secret = new ConstantTimeSecret(properties.authorization());
    }

    public boolean isAuthorized(String authorization) {
        return secret.matches(authorization);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warnAboutExampleSecret() {
        if (properties.usesExampleAuthorization()) {
            LOG.warn("esignon.export.authorization is still the example secret shipped in application.yaml: "
                    + "anyone who read it can post exports. Set ESIGNON_EXPORT_AUTHORIZATION to a long random value "
                    + "and give the same value to eSignon as export_api_info.authorization.");
        }
    }
}
