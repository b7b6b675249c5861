package org.esignonbridge.archive;

import java.time.LocalDateTime;

/**
 * One file of a completed contract to archive.
 *
 * @param completedAt when the contract was completed (workdatetime, else when the export arrived):
 *                    it chooses the year and month folders
 */
public record ArchiveFile(long exportId, String wfuid, String kind, String sourceUrl, LocalDateTime completedAt) {

    public static final String DOCUMENT = "document";
    public static final String CERTIFICATE = "certificate";

    /** The file name in the contract's folder. */
    public String fileName() {
        return DOCUMENT.equals(kind) ? "contract.pdf" : "certificate.pdf";
    }
}
