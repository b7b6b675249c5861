package org.esignonbridge.archive;

import org.esignonbridge.delivery.DeliveryAdvice;
import org.esignonbridge.delivery.DeliveryFailure;
import org.esignonbridge.delivery.DeliveryFailures;
import org.springframework.stereotype.Component;

/**
 * What the document server's and the store's answers mean for the archive. The document server: a 429 or
 * 503 is "come back later" (after its Retry-After, or the back-off), never a reason to park the contract;
 * any other failed download is left to the engine (parked after max-attempts: a link that keeps failing is
 * worth a look). Google Drive: its quota is "come back later", never parked; a folder it does not find or
 * does not let the account write to is parked at once, with Google's message and the fix; a 5xx may have
 * been applied (the next attempt looks for the file first).
 */
@Component
public class ArchiveAdvice implements DeliveryAdvice {

    static final String SHARE_THE_FOLDER = "Check esignon.archive.drive.folder-id and share that folder (or shared drive)"
            + " with the service account's e-mail (client_email in the key file) as Editor or Content manager:"
            + " docs/archive.md#archive-to-google-drive";

    @Override
    public DeliveryFailure classify(Throwable failure) {
        DownloadFailedException download = DeliveryFailures.cause(failure, DownloadFailedException.class);
        if (download != null && download.busy()) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_APPLIED, download.retryAfter(), download.getMessage());
        }
        DriveRefusedException drive = DeliveryFailures.cause(failure, DriveRefusedException.class);
        if (drive != null) {
            if (drive.quota()) {
                return new DeliveryFailure(DeliveryFailure.Kind.NOT_APPLIED, drive.retryAfter(), drive.getMessage());
            }
            if (drive.folderUnreachable()) {
                return new DeliveryFailure(DeliveryFailure.Kind.UNDELIVERABLE, null, drive.getMessage().replaceAll("\\.+$", "") + ". " + SHARE_THE_FOLDER);
            }
            if (drive.status() == 401) {
                return new DeliveryFailure(DeliveryFailure.Kind.NOT_APPLIED, null, drive.getMessage());
            }
            return new DeliveryFailure(drive.status() >= 500 ? DeliveryFailure.Kind.UNKNOWN_OUTCOME : DeliveryFailure.Kind.FAILED,
                    null, drive.getMessage());
        }
        return null;
    }

    @Override
    public String advise(Throwable failure) {
        return null;
    }
}
