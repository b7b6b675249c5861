package org.esignonbridge.receive;

/** An authenticated caller sent something that is not an eSignon export; the message says what is wrong. */
public class InvalidExportException extends RuntimeException {

    public InvalidExportException(String reason) {
        super(reason);
    }
}
