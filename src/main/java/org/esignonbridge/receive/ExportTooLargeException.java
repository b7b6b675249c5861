package org.esignonbridge.receive;

/** The body is larger than {@code esignon.export.max-body-bytes}. */
public class ExportTooLargeException extends RuntimeException {

    public ExportTooLargeException(long maxBytes) {
        super("the body is larger than " + maxBytes + " bytes (esignon.export.max-body-bytes)");
    }
}
