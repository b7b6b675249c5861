package org.esignonbridge.sheets;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import org.esignonbridge.delivery.DeliveryAdvice;
import org.esignonbridge.delivery.DeliveryFailure;
import org.esignonbridge.delivery.DeliveryFailure.Kind;
import org.esignonbridge.delivery.DeliveryFailures;
import org.springframework.stereotype.Component;

/**
 * What Google's answers mean for the sheet, and what to fix when Google refuses its calls: the WARN
 * of a failed delivery says it.
 */
@Component
public class SheetAdvice implements DeliveryAdvice {

    /** Google's write quota is per minute: a 429 without Retry-After is over within one. */
    static final Duration QUOTA_REFILL = Duration.ofMinutes(1);

    private final SheetsProperties properties;

    public SheetAdvice(SheetsProperties properties) {
        this.properties = properties;
    }

    /**
     * Google answers 429 (quota), 400 (a range or value it cannot take), 401, 403 and 404 before it
     * applies anything: not applied. A 429 comes back after Retry-After, or once the minute's quota
     * refills (at most a settle period: rows never wait longer behind a 429). A 400 about the values
     * and a 413 are the rows' own fault: undeliverable. Any other answer (5xx, an HTML error page) may come
     * after Google applied the append: outcome unknown. A key Google or the disk refuses was never sent. A document
     * link whose row the sheet has still to append was not written: it waits an append interval.
     */
    @Override
    public DeliveryFailure classify(Throwable failure) {
        RowNotInSheetException waiting = DeliveryFailures.cause(failure, RowNotInSheetException.class);
        if (waiting != null) {   // a document link: the sheet appends the row within an append interval or so
            return new DeliveryFailure(Kind.NOT_APPLIED, properties.appendInterval(), waiting.getMessage());
        }
        HttpResponseException google = DeliveryFailures.cause(failure, HttpResponseException.class);
        if (google != null) {
            String cause = describe(google);
            int status = google.getStatusCode();
            if (status == 429) {
                Duration asked = DeliveryFailures.retryAfter(google.getHeaders() == null ? null : google.getHeaders().getRetryAfter());
                Duration refill = QUOTA_REFILL.compareTo(properties.settlePeriod()) < 0 ? QUOTA_REFILL : properties.settlePeriod();
                return new DeliveryFailure(Kind.NOT_APPLIED, asked != null ? asked : refill, cause);
            }
            if (refusedValues(google)) {
                return new DeliveryFailure(Kind.UNDELIVERABLE, null, cause);
            }
            if (status == 400 || status == 401 || status == 403 || status == 404) {
                return new DeliveryFailure(Kind.NOT_APPLIED, null, cause);
            }
            return new DeliveryFailure(Kind.UNKNOWN_OUTCOME, null, cause);
        }
        if (DeliveryFailures.hasCause(failure, Retryable.class) || unreadableKey(failure)) {
            return new DeliveryFailure(Kind.NOT_APPLIED, null, DeliveryFailures.describe(failure));
        }
        return null;
    }

    @Override
    public String advise(Throwable failure) {
        if (DeliveryFailures.hasCause(failure, Retryable.class)) {
            return "Google refused the service-account key: download a new key and set esignon.sheets.credentials-file.";
        }
        if (unreadableKey(failure)) {
            return "Check esignon.sheets.credentials-file: the key file cannot be read.";
        }
        HttpResponseException google = DeliveryFailures.cause(failure, HttpResponseException.class);
        if (google == null) {
            return null;
        }
        return switch (google.getStatusCode()) {
            case 403 -> "Share the spreadsheet with the service account (client_email in the key file) as Editor.";
            case 404 -> "Check esignon.sheets.spreadsheet-id: it is the id in the sheet's URL.";
            case 400 -> refusedValues(google) ? null : "Check esignon.sheets.sheet: the tab '" + properties.sheet() + "' must exist.";
            case 401 -> "The credentials were refused: download a new key for the service account.";
            default -> null;
        };
    }

    /** Google's status and its message when its answer has one (not the request's address: the log needs no more). */
    private static String describe(HttpResponseException google) {
        String message = google instanceof GoogleJsonResponseException json && json.getDetails() != null
                ? json.getDetails().getMessage() : null;
        return ("Google answered " + google.getStatusCode() + " " + (message != null ? message
                : google.getStatusMessage() == null ? "" : google.getStatusMessage())).replaceAll("\\s+", " ").trim();
    }

    /** Google's 400 about the values (not the range: a missing tab is a setting to fix, and the rows wait for it), or a 413. */
    private static boolean refusedValues(HttpResponseException google) {
        return (google.getStatusCode() == 400 && !String.valueOf(google.getContent()).contains("Unable to parse range"))
                || google.getStatusCode() == 413;
    }

    private static boolean unreadableKey(Throwable failure) {
        return DeliveryFailures.hasCause(failure, FileNotFoundException.class) || DeliveryFailures.hasCause(failure, NoSuchFileException.class)
                || DeliveryFailures.hasCause(failure, AccessDeniedException.class);
    }
}
