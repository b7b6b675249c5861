package org.esignonbridge.archive;

import org.esignonbridge.delivery.ItemRefusedException;

/**
 * A different file or object is already archived under the contract's name: it is never replaced, and
 * retrying cannot help, so the delivery engine parks the item with this reason for an operator to look at.
 */
public class ArchiveConflictException extends ItemRefusedException {

    public ArchiveConflictException(String message) {
        super(message);
    }
}
