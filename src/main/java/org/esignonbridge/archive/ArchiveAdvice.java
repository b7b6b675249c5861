package org.esignonbridge.archive;

import org.esignonbridge.delivery.DeliveryAdvice;
import org.esignonbridge.delivery.DeliveryFailure;
import org.esignonbridge.delivery.DeliveryFailures;
import org.springframework.stereotype.Component;

/**
 * What the document server's answers mean for the archive: a 429 or 503 is "come back later" (after
 * its Retry-After, or the back-off), never a reason to park the contract; any other failed download
 * is left to the engine (parked after max-attempts: a link that keeps failing is worth a look).
 */
@Component
public class ArchiveAdvice implements DeliveryAdvice {

    @Override
    public DeliveryFailure classify(Throwable failure) {
        DownloadFailedException download = DeliveryFailures.cause(failure, DownloadFailedException.class);
        if (download != null && download.busy()) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_APPLIED, download.retryAfter(), download.getMessage());
        }
        return null;
    }

    @Override
    public String advise(Throwable failure) {
        return null;
    }
}
