package app.router4ai.billing.stripe;

import app.router4ai.billing.TrialBalance;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a verified event once: its id is stored in the same transaction as its effect, so a repeat delivery
 * (Stripe delivers at least once) finds the id and changes nothing, and a failure leaves neither — Stripe
 * then retries. This instance sees the change at once; others at their next reconciliation.
 */
@Component
public class StripeWebhookHandler implements Processor {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookHandler.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SubscriptionSync sync;
    private final TrialBalance balance;

    public StripeWebhookHandler(JdbcTemplate jdbc, TransactionTemplate tx, SubscriptionSync sync, TrialBalance balance) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.sync = sync;
        this.balance = balance;
    }

    @Override
    public void process(Exchange exchange) {
        StripeEvent event = exchange.getProperty(StripeEvent.PROPERTY, StripeEvent.class);
        AtomicReference<String> tenant = new AtomicReference<>();
        boolean duplicate = false;
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO stripe_webhook_events (event_id, event_type, received_at) VALUES (?, ?, ?)",
                        event.id(), event.type(), Timestamp.from(Instant.now()));
                tenant.set(sync.apply(event));
            });
        } catch (DuplicateKeyException e) {
            duplicate = true;
            log.debug("Stripe event {} was processed before", event.id());
        }
        if (tenant.get() != null) {
            balance.refresh(tenant.get());
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody("{\"received\":true,\"duplicate\":" + duplicate + "}");
    }
}
