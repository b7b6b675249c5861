package org.esignonbridge.delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
    SIGNING_LINK("signing-link", "e.passed = TRUE AND e.embed_mode = TRUE AND e.play_url IS NOT NULL AND TRIM(e.play_url) <> ''"),
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

    /** The SQL condition on {@code esignon_export e} for a start-at: beginning subscriber (what {@link #of} says of one export); null for document-archived. */
    String exportCondition() {
        return exportCondition;
    }

    /** The seams an export that passed the filters belongs to (the Java twin of {@link #exportCondition}). */
    public static List<Seam> of(Map<String, Object> export) {
        List<Seam> seams = new ArrayList<>(List.of(EXPORT_ACCEPTED));
        if ("Complete".equals(export.get("status"))) {
            seams.add(CONTRACT_COMPLETED);
        }
        if ("RT".equals(export.get("worktype"))) {
            seams.add(CONTRACT_REJECTED);
        }
        Object playUrl = export.get("play_url");
        if (Boolean.TRUE.equals(export.get("embed_mode")) && playUrl != null && !playUrl.toString().isBlank()) {
            seams.add(SIGNING_LINK);
        }
        return seams;
    }

    public static Seam named(String id) {
        return Arrays.stream(values()).filter(seam -> seam.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown seam '" + id + "': use one of "
                        + Arrays.stream(values()).map(Seam::id).toList()));
    }
}
