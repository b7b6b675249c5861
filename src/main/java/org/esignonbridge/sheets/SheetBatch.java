package org.esignonbridge.sheets;

import java.util.List;

/**
 * Rows that go to the sheet in one append call.
 *
 * @param id            the {@code sheet_batch} row
 * @param earlierAttempts attempts made before this one; when there were some, Google may already
 *                      have applied one of them, so the sheet is read before anything is sent again
 * @param exportIds     the exports still to write, in the order they were received
 */
public record SheetBatch(long id, int earlierAttempts, List<Long> exportIds) {

    public boolean outcomeOfEarlierAttemptUnknown() {
        return earlierAttempts > 0;
    }

    public boolean isEmpty() {
        return exportIds.isEmpty();
    }

    SheetBatch withExportIds(List<Long> remaining) {
        return new SheetBatch(id, earlierAttempts, List.copyOf(remaining));
    }
}
