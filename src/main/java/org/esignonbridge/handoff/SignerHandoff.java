package org.esignonbridge.handoff;

/** One next-signer link waiting to be handed to the company; {@code message} is its JSON. */
public record SignerHandoff(long exportId, String message, int attempts) {
}
