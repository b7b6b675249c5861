package org.esignonbridge.seams;

import java.util.Arrays;

/**
 * The points where staff routes can react to what the product stored. Each selects the items of
 * one kind, by the id that orders them.
 */
public enum Seam {

    /** Every export that passed the filters. */
    EXPORT_ACCEPTED("export-accepted", "e.passed = TRUE"),
    /** An export that passed the filters with status Complete: the contract is signed. */
    CONTRACT_COMPLETED("contract-completed", "e.passed = TRUE AND e.status = 'Complete'"),
    /** An export that passed the filters with worktype RT: a signer rejected the contract. */
    CONTRACT_REJECTED("contract-rejected", "e.passed = TRUE AND e.worktype = 'RT'"),
    /** A file of a completed contract now in the archive. */
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

    /** The SQL condition on {@code esignon_export e}; null for the archive seam. */
    String exportCondition() {
        return exportCondition;
    }

    public static Seam of(String id) {
        return Arrays.stream(values()).filter(seam -> seam.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown seam '" + id + "': use one of "
                        + Arrays.stream(values()).map(Seam::id).toList()));
    }
}
