package org.esignonbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** How long an address that sends wrong admin tokens must wait, by the throttle's clock. */
class WrongTokenThrottleTest {

    private final MovingClock clock = new MovingClock();
    private final WrongTokenThrottle throttle = new WrongTokenThrottle(clock);

    @Test
    void theFirstWrongTokensAreFreeThenEachDoublesTheWait() {
        for (int i = 0; i < WrongTokenThrottle.FREE; i++) {
            throttle.wrong("10.0.0.1");
        }
        assertThat(throttle.lockedOut("10.0.0.1")).isZero();

        throttle.wrong("10.0.0.1");
        assertThat(throttle.lockedOut("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        throttle.wrong("10.0.0.1");
        assertThat(throttle.lockedOut("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        throttle.wrong("10.0.0.1");
        assertThat(throttle.lockedOut("10.0.0.1")).isEqualTo(Duration.ofSeconds(4));

        clock.advance(Duration.ofMillis(3500));
        assertThat(throttle.lockedOut("10.0.0.1")).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.lockedOut("10.0.0.2")).as("another address").isZero();
    }

    @Test
    void theWaitStopsGrowingAtFiveMinutes() {
        for (int i = 0; i < WrongTokenThrottle.FREE + 40; i++) {
            throttle.wrong("10.0.0.1");
        }
        assertThat(throttle.lockedOut("10.0.0.1")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRightTokenOrAQuarterOfAnHourStartsTheAddressOver() {
        for (int i = 0; i <= WrongTokenThrottle.FREE; i++) {
            throttle.wrong("10.0.0.1");
            throttle.wrong("10.0.0.2");
        }
        throttle.right("10.0.0.1");
        throttle.wrong("10.0.0.1");
        assertThat(throttle.lockedOut("10.0.0.1")).isZero();

        clock.advance(Duration.ofMinutes(16));
        throttle.wrong("10.0.0.2");
        assertThat(throttle.lockedOut("10.0.0.2")).isZero();
    }

    private static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-11-04T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
