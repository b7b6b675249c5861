package org.esignonbridge.delivery;

import java.util.Arrays;

/**
 * The fixed vocabulary of what subscribers can read. A route file names its seam in the
 * esignon-subscription Kamelet, so routes/ shows which exports go where; the receive transaction
 * queues an export for every subscriber of every seam it belongs to.
 */
public enum Seam {

    /** Every export that passed the filters. */
    EXPORT_ACCEPTED("export-accepted", "e.passed = TRUE"),
    /** An export that passed the filters with status Complete: the contract is signed. */
    CONTRACT_COMPLETED("contract-completed", "e.passed = TRUE AND e.status = 'Complete'"),
    /** An export that passed the filters with worktype RT: a signer rejected the contract. */
    CONTRACT_REJECTED("contract-rejected", "e.passed = TRUE AND e.worktype = 'RT'"),
    /** An embed-mode export that passed the filters with the next signer's play_url. */
    SIGNING_LINK("signing-link", "e.passed = TRUE AND e.embed_mode = TRUE AND e.play_url IS NOT NULL AND e.play_url <> ''"),
    /** A file of a completed contract now in the archive (the item is the archive_file row). */
    DOCUMENT_ARCHIVED("document-archived", null);

    private final String id;
    private final String exportCondition;

    Seam(String id, String exportCondition) {
        this.id = id;
        this.exportCondition = exportCondition;
    }

    public String id() {
        return id;
    }

    /** The SQL condition on {@code esignon_export e}: which exports the seam queues, live and for a start-at: beginning; null for document-archived. */
    String exportCondition() {
        return exportCondition;
    }

    public static Seam named(String id) {
        return Arrays.stream(values()).filter(seam -> seam.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown seam '" + id + "': use one of "
                        + Arrays.stream(values()).map(Seam::id).toList()));
    }
}
