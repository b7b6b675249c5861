package org.esignonbridge.sheets;

/**
 * A document link whose export's row the sheet has not appended yet (the archive was faster than the
 * sheet): nothing was written; the link waits for the row, never parked for it ({@link SheetAdvice}).
 */
public class RowNotInSheetException extends Exception {

    public RowNotInSheetException(String message) {
        super(message);
    }
}
