package org.esignonbridge.operations;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Per subscriber: {@code esignon.subscriber.pending}, {@code .parked}, {@code .oldest.pending}
 * (seconds), {@code .delivered}, {@code .retries}, tagged {@code subscriber}, and
 * {@code esignon.subscriber.failing} tagged {@code cause} too (1 for the cause of the oldest waiting
 * delivery's failed last attempt: not-applied, unknown-outcome, undeliverable or failed), read from the
 * delivery engine's {@link DeliveryBacklog#subscribers()} at most once every 5 seconds however often scraped.
 * Subscribers known when the product is ready are registered; one added later appears after a restart.
 */
@Component
public class BacklogMetrics {

    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final DeliveryBacklog backlog;
    private final MeterRegistry registry;
    private final Set<String> registered = new HashSet<>();
    private volatile List<DeliveryBacklog.Backlog> latest = List.of();
    private volatile long readAt;

    public BacklogMetrics(DeliveryBacklog backlog, MeterRegistry registry) {
        this.backlog = backlog;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void register() {
        readAt = 0;
        for (DeliveryBacklog.Backlog subscriber : read()) {
            String name = subscriber.name();
            if (!registered.add(name)) {
                continue;
            }
            gauge("esignon.subscriber.pending", name, DeliveryBacklog.Backlog::pending);
            gauge("esignon.subscriber.parked", name, DeliveryBacklog.Backlog::parked);
            TimeGauge.builder("esignon.subscriber.oldest.pending", this,
                    TimeUnit.SECONDS, self -> self.value(name, s -> s.oldestPending().toSeconds()))
                    .tag("subscriber", name).register(registry);
            FunctionCounter.builder("esignon.subscriber.delivered", this, self -> self.value(name, DeliveryBacklog.Backlog::delivered))
                    .tag("subscriber", name).register(registry);
            for (String cause : backlog.failures()) {
                // 1 while the oldest waiting delivery's last attempt failed so: late, and why
                Gauge.builder("esignon.subscriber.failing", this, self -> self.value(name, s -> cause.equals(s.failure()) ? 1 : 0))
                        .tag("subscriber", name).tag("cause", cause).register(registry);
            }
            FunctionCounter.builder("esignon.subscriber.retries", this, self -> self.value(name, DeliveryBacklog.Backlog::retries))
                    .tag("subscriber", name).register(registry);
        }
    }

    private void gauge(String metric, String name, ToDoubleFunction<DeliveryBacklog.Backlog> value) {
        Gauge.builder(metric, this, self -> self.value(name, value)).tag("subscriber", name).register(registry);
    }

    private double value(String name, ToDoubleFunction<DeliveryBacklog.Backlog> value) {
        return read().stream().filter(s -> s.name().equals(name)).mapToDouble(value).findFirst().orElse(Double.NaN);
    }

    private List<DeliveryBacklog.Backlog> read() {
        if (System.nanoTime() - readAt > REFRESH_NANOS || readAt == 0) {
            latest = backlog.subscribers();
            readAt = System.nanoTime();
        }
        return latest;
    }
}
