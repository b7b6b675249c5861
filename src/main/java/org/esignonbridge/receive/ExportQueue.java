package org.esignonbridge.receive;

import java.util.Map;

/**
 * Work a sink queues for an export that passed the filters, in the transaction that stores the
 * export: once the webhook has answered, the sink's work is as durable as the export itself.
 * Each sink then catches up from its own table.
 */
public interface ExportQueue {

    /**
     * @param exportId the id of the stored export
     * @param export   the stored row, one entry per column of {@code esignon_export}
     */
    void enqueue(long exportId, Map<String, Object> export);
}
