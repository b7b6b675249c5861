package org.esignonbridge.delivery;

/**
 * The receiver cannot take this item as it is (a sheet cell over Google's limit, a request too
 * large): retrying cannot help. A batch is split until the item is found; the item alone is parked.
 */
public class ItemRefusedException extends Exception {

    public ItemRefusedException(String message) {
        super(message);
    }
}
