package app.router4ai.billing.stripe;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The stripe-meter-events route's step: claims due outbox rows and sends them to Stripe, a few at a time and
 * no faster than the rate limit. A row is marked sent only after Stripe accepted it; on a failure it is
 * retried later with exponential backoff, so an outage delays reporting and loses nothing. When Stripe looks
 * down (connection failure, timeout, 5xx, 429) the rest of the batch is released untried rather than hammered.
 * Nothing is sent twice: each row's idempotency key and identifier are its request id.
 */
@Component
public class MeterEventSender implements Processor {

    private static final Logger log = LoggerFactory.getLogger(MeterEventSender.class);
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final StripeGateway stripe;
    private final MeterEventOutbox outbox;
    private final StripeSettings.Outbox settings;
    private final MeterRateLimiter limiter;

    public MeterEventSender(StripeGateway stripe, MeterEventOutbox outbox, StripeSettings settings) {
        this.stripe = stripe;
        this.outbox = outbox;
        this.settings = settings.outbox();
        this.limiter = new MeterRateLimiter(this.settings.maxEventsPerSecond());
    }

    @Override
    public void process(Exchange exchange) {
        if (!stripe.configured()) {
            return;
        }
        for (int round = 0; round < MAX_BATCHES_PER_RUN; round++) {
            List<MeterEventOutbox.Pending> batch = outbox.claim(settings.batchSize(), settings.lease());
            if (batch.isEmpty() || !sendBatch(batch) || batch.size() < settings.batchSize()) {
                return;
            }
        }
    }

    /** Sends one claimed batch; false when Stripe looked down. */
    private boolean sendBatch(List<MeterEventOutbox.Pending> batch) {
        List<Long> sent = Collections.synchronizedList(new ArrayList<>());
        List<Long> untried = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean down = new AtomicBoolean();
        Semaphore slots = new Semaphore(Math.max(1, settings.concurrency()));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (MeterEventOutbox.Pending event : batch) {
                slots.acquireUninterruptibly();
                threads.submit(() -> {
                    try {
                        if (down.get()) {
                            untried.add(event.id());
                            return;
                        }
                        limiter.acquire();
                        stripe.sendMeterEvent(event);
                        sent.add(event.id());
                    } catch (StripeException e) {
                        if (alreadyRecorded(e)) {
                            sent.add(event.id());
                            return;
                        }
                        if (transient_(e)) {
                            down.set(true);
                        }
                        outbox.retryLater(event, Instant.now().plus(backoff(event.attempts())), e.getMessage());
                        log.warn("Meter event {} not delivered (attempt {}), retried later: {}", event.identifier(),
                                event.attempts() + 1, e.getMessage());
                    } catch (RuntimeException e) {
                        outbox.retryLater(event, Instant.now().plus(backoff(event.attempts())), e.toString());
                        log.warn("Meter event {} not delivered, retried later", event.identifier(), e);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        if (!sent.isEmpty()) {
            outbox.sent(List.copyOf(sent));
        }
        if (!untried.isEmpty()) {
            outbox.release(List.copyOf(untried));
        }
        return !down.get();
    }

    Duration backoff(int attempts) {
        long ms = settings.minBackoff().toMillis() << Math.min(20, attempts);
        return Duration.ofMillis(Math.min(ms, settings.maxBackoff().toMillis()));
    }

    private static boolean transient_(StripeException e) {
        Integer status = e.getStatusCode();
        return status == null || status == 429 || status >= 500;
    }

    /** Stripe already has an event with this identifier (sent before, idempotency key expired): delivered. */
    private static boolean alreadyRecorded(StripeException e) {
        return e instanceof InvalidRequestException invalid && "identifier".equals(invalid.getParam())
                && ("resource_already_exists".equals(e.getCode()) || String.valueOf(e.getMessage()).contains("already"));
    }
}
