package org.esignonbridge.delivery;

import java.util.List;

/**
 * Items of one subscriber claimed by this instance for one delivery.
 *
 * @param items in item order
 */
public record Claim(Subscription subscription, List<Item> items) {

    /**
     * @param attempts attempts begun, this one included
     * @param deliveredBefore a replay of an item delivered before
     */
    public record Item(long itemId, long exportId, int attempts, boolean deliveredBefore) {
    }

    public List<Long> itemIds() {
        return items.stream().map(Item::itemId).toList();
    }

    /** An earlier attempt may have reached the receiver (it failed without an answer, or the item is replayed). */
    public boolean redelivery() {
        return items.stream().anyMatch(item -> item.attempts() > 1 || item.deliveredBefore());
    }

    public int attempt() {
        return items.stream().mapToInt(Item::attempts).max().orElse(0);
    }
}
