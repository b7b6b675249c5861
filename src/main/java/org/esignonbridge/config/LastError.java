package org.esignonbridge.config;

/** An error message as the {@code last_error} columns hold it (VARCHAR(1000)). */
public final class LastError {

    private static final int MAX = 1000;

    private LastError() {
    }

    public static String fit(String error) {
        return error == null || error.length() <= MAX ? error : error.substring(0, MAX);
    }
}
