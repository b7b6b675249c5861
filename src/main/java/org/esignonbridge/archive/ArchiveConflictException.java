package org.esignonbridge.archive;

import org.esignonbridge.delivery.UndeliverableException;

/**
 * A different file or object is already archived under the contract's name: it is never replaced, and
 * retrying cannot help, so the delivery engine parks the delivery with this reason for an operator to look at.
 */
public class ArchiveConflictException extends UndeliverableException {

    public ArchiveConflictException(String message) {
        super(message);
    }
}
