package org.esignonbridge.sheets;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Decides what a failed sheet attempt means. Quota (429), Google's 5xx and network errors are
 * retried by the route without limit; this processor records each failure on the batch and honours
 * Google's {@code Retry-After}. Anything else (403, 404, a bad range, an unreadable key) cannot be
 * fixed by retrying: the rows wait, the error is recorded, and a WARN says what to fix.
 */
@Component("sheetFailures")
public class SheetFailures implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(SheetFailures.class);
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);

    private final SheetBatches batches;
    private final SheetsProperties properties;

    public SheetFailures(SheetBatches batches, SheetsProperties properties) {
        this.batches = batches;
        this.properties = properties;
    }

    /** Whether waiting and trying again can succeed. */
    public boolean retryable(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException http) {
                return RETRYABLE_STATUS.contains(http.getStatusCode());
            }
            if (cause instanceof Retryable auth) {
                return auth.isRetryable();
            }
            if (cause instanceof FileNotFoundException || cause instanceof NoSuchFileException
                    || cause instanceof AccessDeniedException) {
                return false;
            }
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return hasCause(exception, IOException.class);
    }

    /** Runs on every failure, before the route waits to retry: records it and honours Retry-After. */
    @Override
    public void process(Exchange exchange) {
        Exception exception = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SheetBatch batch = exchange.getVariable("batch", SheetBatch.class);
        if (exception == null || batch == null || !retryable(exception)) {
            return;
        }
        batches.failed(batch.id(), describe(exception), null);
        Long retryAfter = retryAfterMillis(exception);
        if (retryAfter != null) {
            // a little jitter, so that several installations sharing a quota do not return together
            long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, retryAfter / 10));
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, retryAfter + jitter);
        }
    }

    /** An error that retrying cannot fix: the rows wait for recheck-after-error, with the error recorded. */
    public void permanent(Exchange exchange) {
        Exception exception = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SheetBatch batch = exchange.getVariable("batch", SheetBatch.class);
        String error = describe(exception);
        if (batch != null) {
            batches.failed(batch.id(), error, properties.recheckAfterError());
        }
        LOG.warn("Google Sheet rows are waiting: {}. {} Tried again in {}.", error, hint(exception),
                properties.recheckAfterError());
    }

    static String describe(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException http) {
                String message = http.getContent() != null && http.getContent().contains("\"message\"")
                        ? http.getMessage() : http.getStatusCode() + " " + http.getStatusMessage();
                return "Google answered " + message.replaceAll("\\s+", " ");
            }
            if (cause.getCause() == null) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return String.valueOf(exception);
    }

    private String hint(Throwable exception) {
        if (hasCause(exception, Retryable.class)) {
            return "Google refused the service-account key: download a new key and set esignon.sheets.credentials-file.";
        }
        if (hasCause(exception, FileNotFoundException.class) || hasCause(exception, NoSuchFileException.class)
                || hasCause(exception, AccessDeniedException.class)) {
            return "Check esignon.sheets.credentials-file: the key file cannot be read.";
        }
        return switch (status(exception)) {
            case 403 -> "Share the spreadsheet with the service account (client_email in the key file) as Editor.";
            case 404 -> "Check esignon.sheets.spreadsheet-id: it is the id in the sheet's URL.";
            case 400 -> "Check esignon.sheets.sheet: the tab '" + properties.sheet() + "' must exist.";
            case 401 -> "The credentials were refused: download a new key for the service account.";
            default -> "See the error above.";
        };
    }

    private static int status(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException http) {
                return http.getStatusCode();
            }
        }
        return 0;
    }

    private static Long retryAfterMillis(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException http && http.getHeaders() != null
                    && http.getHeaders().getRetryAfter() != null) {
                try {
                    return Long.parseLong(http.getHeaders().getRetryAfter().trim()) * 1000;
                } catch (NumberFormatException httpDate) {
                    return null; // an HTTP-date: the exponential backoff applies instead
                }
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable exception, Class<?> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
