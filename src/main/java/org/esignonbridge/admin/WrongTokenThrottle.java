package org.esignonbridge.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing the admin token: after {@value #FREE} wrong tokens from one address, each
 * further one locks that address out for twice as long as the last (1 s, 2 s, 4 s ... at most 5 min).
 * A right token, or a quarter of an hour without a wrong one, starts the address over. Written by
 * hand because the product has no Spring Security yet; bounded, so addresses cannot fill the memory.
 */
final class WrongTokenThrottle {

    static final int FREE = 5;
    private static final long MAX_LOCK = Duration.ofMinutes(5).toMillis();
    private static final long FORGET_AFTER = Duration.ofMinutes(15).toMillis();
    private static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, long lastAt, long lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    WrongTokenThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the address must still wait; zero when it may try. */
    Duration lockedOut(String address) {
        Failures f = failures.get(address);
        long left = f == null ? 0 : f.lockedUntil() - clock.millis();
        return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
    }

    void wrong(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.clear();   // rare (an attack from many addresses): forgetting is safer than growing
        }
        long now = clock.millis();
        failures.compute(address, (a, f) -> {
            int count = f == null || now - f.lastAt() > FORGET_AFTER ? 1 : f.count() + 1;
            long lock = count <= FREE ? 0 : Math.min(1000L << Math.min(count - FREE - 1, 20), MAX_LOCK);
            return new Failures(count, now, now + lock);
        });
    }

    void right(String address) {
        failures.remove(address);
    }
}
