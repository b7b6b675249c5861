package org.esignonbridge.archive;

/** A file that must not be archived: a URL that is not allowed, too large, not a PDF. Never retried. */
public class DownloadDeclinedException extends Exception {

    public DownloadDeclinedException(String reason) {
        super(reason);
    }
}
