package org.esignonbridge.delivery;

/**
 * The receiver cannot take this delivery as it is (a sheet cell over Google's limit, a request too
 * large): retrying cannot help. A batch is split until the delivery is found; the delivery alone is parked.
 */
public class UndeliverableException extends Exception {

    public UndeliverableException(String message) {
        super(message);
    }
}
