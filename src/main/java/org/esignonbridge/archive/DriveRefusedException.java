package org.esignonbridge.archive;

import java.time.Duration;

/**
 * Google Drive refused a call of the google-drive store: its status, the reason of its first error
 * ({@code notFound}, {@code insufficientFilePermissions}, {@code userRateLimitExceeded}, ...) and its
 * message, for {@link ArchiveAdvice} to say what that means. Google's exception is not kept as the cause:
 * the sheet's advice reads Google's answers as the sheet's.
 */
public class DriveRefusedException extends Exception {

    private final int status;
    private final String reason;
    private final transient Duration retryAfter;

    public DriveRefusedException(int status, String reason, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** Google's reason, or "" when its answer had none. */
    public String reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Drive's quota: 429, or 403 with a rate-limit reason. Never the folder's fault. */
    public boolean quota() {
        return status == 429 || (status == 403 && (reason.equals("userRateLimitExceeded") || reason.equals("rateLimitExceeded")));
    }

    /** The folder is not there for this account: wrong id, or not shared with it (or shared read-only). */
    public boolean folderUnreachable() {
        return !quota() && (status == 404 || status == 403);
    }
}
