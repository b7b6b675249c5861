package org.esignonbridge.sheets;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import org.esignonbridge.delivery.DeliveryAdvice;
import org.esignonbridge.delivery.DeliveryFailures;
import org.springframework.stereotype.Component;

/** What to fix when Google refuses the sheet's calls: the WARN of a failed delivery says it. */
@Component
public class SheetAdvice implements DeliveryAdvice {

    private final SheetsProperties properties;

    public SheetAdvice(SheetsProperties properties) {
        this.properties = properties;
    }

    @Override
    public String advise(Throwable failure) {
        if (DeliveryFailures.hasCause(failure, Retryable.class)) {
            return "Google refused the service-account key: download a new key and set esignon.sheets.credentials-file.";
        }
        if (DeliveryFailures.hasCause(failure, FileNotFoundException.class) || DeliveryFailures.hasCause(failure, NoSuchFileException.class)
                || DeliveryFailures.hasCause(failure, AccessDeniedException.class)) {
            return "Check esignon.sheets.credentials-file: the key file cannot be read.";
        }
        if (!DeliveryFailures.hasCause(failure, HttpResponseException.class)) {
            return null;
        }
        return switch (DeliveryFailures.httpStatus(failure)) {
            case 403 -> "Share the spreadsheet with the service account (client_email in the key file) as Editor.";
            case 404 -> "Check esignon.sheets.spreadsheet-id: it is the id in the sheet's URL.";
            case 400 -> DeliveryFailures.refused(failure) ? null : "Check esignon.sheets.sheet: the tab '" + properties.sheet() + "' must exist.";
            case 401 -> "The credentials were refused: download a new key for the service account.";
            default -> null;
        };
    }
}
