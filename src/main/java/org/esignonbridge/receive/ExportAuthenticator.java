package org.esignonbridge.receive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Checks the secret eSignon sends in the {@code authorization} header against the configured one. */
@Component("exportAuthenticator")
public class ExportAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ExportAuthenticator.class);

    private final ExportProperties properties;
    private final byte[] expectedDigest;

    public ExportAuthenticator(ExportProperties properties) {
        this.properties = properties;
        this.expectedDigest = sha256(properties.authorization());
    }

    /** Throws {@link UnauthorizedExportException} unless {@code authorization} is the configured secret. */
    public void authenticate(@Header("authorization") String authorization) {
        if (!isAuthorized(authorization)) {
            throw new UnauthorizedExportException();
        }
    }

    public boolean isAuthorized(String authorization) {
        // Comparing digests keeps the time spent independent of where, or whether, the values differ
        return authorization != null && MessageDigest.isEqual(sha256(authorization), expectedDigest);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warnAboutExampleSecret() {
        if (properties.usesExampleAuthorization()) {
            LOG.warn("esignon.export.authorization is still the example secret shipped in application.yaml: "
                    + "anyone who read it can post exports. Set ESIGNON_EXPORT_AUTHORIZATION to a long random value "
                    + "and give the same value to eSignon as export_api_info.authorization.");
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
