package org.esignonbridge.delivery;

/** What an operator should do about a failure the engine logs (e.g. share the sheet); null when nothing to say. */
public interface DeliveryAdvice {

    String advise(Throwable failure);
}
