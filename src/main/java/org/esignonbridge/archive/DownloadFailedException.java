package org.esignonbridge.archive;

import java.time.Duration;

/** The document server answered with an error that may pass (5xx, 429, 408, a DNS failure): worth trying again. */
public class DownloadFailedException extends java.io.IOException {

    private final boolean busy;
    private final transient Duration retryAfter;

    public DownloadFailedException(String message) {
        this(message, false, null);
    }

    /**
     * @param busy the server said it takes nothing now (429, 503): nothing to find out, come back later
     * @param retryAfter when it asked to be asked again, or null
     */
    public DownloadFailedException(String message, boolean busy, Duration retryAfter) {
        super(message);
        this.busy = busy;
        this.retryAfter = retryAfter;
    }

    public boolean busy() {
        return busy;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
