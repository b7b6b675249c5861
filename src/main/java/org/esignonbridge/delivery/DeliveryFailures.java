package org.esignonbridge.delivery;

import java.time.Duration;
import java.util.function.Function;

import com.google.api.client.http.HttpResponseException;
import org.apache.camel.http.base.HttpOperationFailedException;

/** What a failed delivery means: how to describe it, whether the receiver asked for a wait, whether the item was refused. */
public final class DeliveryFailures {

    private DeliveryFailures() {
    }

    /** One line: the receiver's answer when there is one, else the root cause. */
    public static String describe(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException http) {
                String message = http.getContent() != null && http.getContent().contains("\"message\"")
                        ? http.getMessage() : http.getStatusCode() + " " + http.getStatusMessage();
                return "Google answered " + message.replaceAll("\\s+", " ");
            }
            if (cause.getCause() == null || cause instanceof HttpOperationFailedException) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return String.valueOf(exception);
    }

    /** The wait the receiver asked for (Retry-After in seconds on a 429 or 503), or null. */
    public static Duration retryAfter(Throwable exception) {
        String value = find(exception, cause -> {
            if (cause instanceof HttpResponseException http && http.getHeaders() != null) {
                return http.getHeaders().getRetryAfter();
            }
            if (cause instanceof HttpOperationFailedException http && http.getResponseHeaders() != null) {
                return http.getResponseHeaders().entrySet().stream()
                        .filter(h -> h.getKey().equalsIgnoreCase("Retry-After")).map(h -> h.getValue()).findFirst().orElse(null);
            }
            return null;
        });
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException httpDate) {
            return null; // an HTTP-date: the back-off applies instead
        }
    }

    /**
     * The receiver refused the item itself: our own check, or Google's 400 about the values (not the
     * range: a missing tab is a configuration to fix, and the rows wait for it).
     */
    public static boolean refused(Throwable exception) {
        return Boolean.TRUE.equals(find(exception, cause -> {
            if (cause instanceof ItemRefusedException) {
                return true;
            }
            if (cause instanceof HttpResponseException http) {
                String content = String.valueOf(http.getContent());
                return (http.getStatusCode() == 400 && !content.contains("Unable to parse range"))
                        || http.getStatusCode() == 413;
            }
            return null;
        }));
    }

    public static int httpStatus(Throwable exception) {
        Integer status = find(exception, cause -> cause instanceof HttpResponseException http ? http.getStatusCode()
                : cause instanceof HttpOperationFailedException camel ? camel.getStatusCode() : null);
        return status == null ? 0 : status;
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
