package org.esignonbridge.receive;

/** The caller did not send the configured secret; the message never says what was expected. */
public class UnauthorizedExportException extends RuntimeException {

    public UnauthorizedExportException() {
        super("missing or wrong authorization header");
    }
}
