package org.esignonbridge.archive;

/** The document server answered with an error that may pass (5xx, 429, 408): worth trying again. */
public class DownloadFailedException extends java.io.IOException {

    public DownloadFailedException(String message) {
        super(message);
    }
}
