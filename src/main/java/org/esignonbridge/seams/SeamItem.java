package org.esignonbridge.seams;

import java.util.Map;

/**
 * One thing a seam hands to a subscriber: the message body and its headers.
 *
 * @param id the export id, or the archive_file id for document-archived
 */
public record SeamItem(long id, Object body, Map<String, Object> headers) {
}
