package app.router4ai.billing;

import app.router4ai.billing.stripe.StripeSettings;
import app.router4ai.budget.SpendBook;
import app.router4ai.call.ApiCall;
import app.router4ai.call.ModelNames;
import app.router4ai.ratelimit.KeyRateLimiter;
import app.router4ai.requestlog.RequestTrace;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The billing route's step: turns a finished call into a ledger row, counts its tokens against the tenant's
 * balance at once, and, for a tenant billed through Stripe, attaches the meter event that goes out with it.
 */
@Component
public class UsageRecorder implements Processor {

    private final UsageLedger ledger;
    private final TrialBalance balance;
    private final StripeSettings stripe;
    private final SpendBook spend;
    private final Clock clock;
    private final KeyRateLimiter keyLimits;

    public UsageRecorder(UsageLedger ledger, TrialBalance balance, StripeSettings stripe, SpendBook spend, Clock clock,
                         KeyRateLimiter keyLimits) {
        this.keyLimits = keyLimits;
        this.ledger = ledger;
        this.balance = balance;
        this.stripe = stripe;
        this.spend = spend;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        record(ApiCall.of(exchange));
    }

    /** Also called directly when the billing route is no longer running (a stream that ends during shutdown). */
    public void record(ApiCall call) {
        Instant now = clock.instant();
        UsageRow row = new UsageRow(call.requestId(), call.caller().tenantId(), call.caller().keyId(), ModelNames.clean(call.requestedModel()),
                ModelNames.clean(call.answeringModel() != null ? call.answeringModel() : call.deployment().model().providerModel()),
                call.deployment().providerName(), call.deployment().tier(), call.usage().promptTokens(),
                call.usage().completionTokens(), call.usage().cachedTokens(), call.usage().cacheWriteTokens(), call.costCents(), call.latencyMs(),
                call.failoverCount(), call.cacheHit(), call.stream(), now,
                call.surface().name().toLowerCase(java.util.Locale.ROOT), call.usageRejected() != null,
                RequestTrace.of(call, 200));
        BillingAccount account = balance.of(row.tenantId()).account();
        long tokens = TrialBalance.tokens(row);
        MeterEvent meter = account.metered() && tokens > 0
                ? new MeterEvent(row.requestId(), row.tenantId(), account.stripeCustomerId(), stripe.meterEventName(), tokens, now)
                : null;
        balance.recorded(row);
        spend.recorded(row);
        keyLimits.used(row.keyId(), tokens);
        ledger.record(row, meter);
    }
}
