package org.esignonbridge.delivery;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.esignonbridge.delivery.DeliveryFailure.Kind;

/**
 * What any failed delivery means when its subscriber has nothing to say ({@link DeliveryAdvice#classify}):
 * only what every receiver's answers mean (HTTP status codes, a connection that never opened or
 * broke), never one receiver's messages.
 */
public final class DeliveryFailures {

    private DeliveryFailures() {
    }

    /**
     * Our own UndeliverableException is undeliverable; Camel's HTTP answers 429 and 503 (and 408) were not
     * applied (their Retry-After honoured), any other 5xx may have been; a connection that never
     * opened was not applied, one that broke, timed out or was interrupted by a stop may have been;
     * anything else failed.
     */
    public static DeliveryFailure classify(Throwable exception) {
        String cause = describe(exception);
        if (cause(exception, UndeliverableException.class) != null) {
            return new DeliveryFailure(Kind.UNDELIVERABLE, null, cause);
        }
        HttpOperationFailedException http = cause(exception, HttpOperationFailedException.class);
        if (http != null) {
            int status = http.getStatusCode();
            if (status == 429 || status == 503 || status == 408) {
                return new DeliveryFailure(Kind.NOT_APPLIED, retryAfter(http.getResponseHeaders().entrySet().stream()
                        .filter(h -> h.getKey().equalsIgnoreCase("Retry-After")).map(h -> h.getValue()).findFirst().orElse(null)), cause);
            }
            return new DeliveryFailure(status >= 500 ? Kind.UNKNOWN_OUTCOME : Kind.FAILED, null, cause);
        }
        if (cause(exception, ConnectException.class) != null || cause(exception, HttpConnectTimeoutException.class) != null
                || cause(exception, UnknownHostException.class) != null || cause(exception, NoRouteToHostException.class) != null) {
            return new DeliveryFailure(Kind.NOT_APPLIED, null, cause);
        }
        // a read timeout (SocketTimeoutException) or a stop in the middle of the call are interruptions
        if (cause(exception, InterruptedIOException.class) != null || cause(exception, HttpTimeoutException.class) != null
                || cause(exception, SocketException.class) != null || cause(exception, EOFException.class) != null) {
            return new DeliveryFailure(Kind.UNKNOWN_OUTCOME, null, cause);
        }
        return new DeliveryFailure(Kind.FAILED, null, cause);
    }

    /** One line: the root cause, or Camel's HTTP answer. */
    public static String describe(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause.getCause() == null || cause instanceof HttpOperationFailedException) {
                return (cause.getClass().getSimpleName() + ": " + cause.getMessage()).replaceAll("\\s+", " ");
            }
        }
        return String.valueOf(exception);
    }

    /** A Retry-After header's wait from now, or null when there is none or it cannot be read (the back-off applies then). */
    public static Duration retryAfter(String header) {
        return retryAfter(header, Clock.systemUTC());
    }

    /**
     * A Retry-After header's wait: seconds ({@code 120}) or an HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT},
     * a moment past is no wait); null when there is none or it is neither.
     */
    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(), ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }

    /** The exception itself or its first cause of that type, or null. */
    public static <T extends Throwable> T cause(Throwable exception, Class<T> type) {
        return find(exception, cause -> type.isInstance(cause) ? type.cast(cause) : null);
    }

    public static boolean hasCause(Throwable exception, Class<?> type) {
        return find(exception, cause -> type.isInstance(cause) ? Boolean.TRUE : null) != null;
    }

    private static <T> T find(Throwable exception, Function<Throwable, T> look) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            T found = look.apply(cause);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
