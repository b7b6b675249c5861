package org.esignonbridge.delivery;

/**
 * What a subscriber knows about its own failures, asked by the engine for every failed delivery: what the
 * failure means (its receiver's answers) and what an operator should do about it.
 */
public interface DeliveryAdvice {

    /** What an operator should do about the failure (e.g. share the sheet); null when nothing to say. */
    String advise(Throwable failure);

    /** What the failure means, when it is this subscriber's receiver answering; null leaves it to the engine. */
    default DeliveryFailure classify(Throwable failure) {
        return null;
    }
}
