package org.esignonbridge.archive;

/**
 * eSignon sent a link to its viewer page (HTML), not to the file: the contract was started without
 * {@code link_type: "download"}. The URL is kept; nothing is archived.
 */
public class ViewerLinkException extends Exception {

    public ViewerLinkException() {
        super("viewer link, not archived: start contracts with export_api_info.link_type \"download\"");
    }
}
