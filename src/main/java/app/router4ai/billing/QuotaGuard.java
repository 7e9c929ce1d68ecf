package app.router4ai.billing;

import app.router4ai.api.ApiError;
import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.auth.Caller;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The route step right after authentication: a tenant whose trial is used up or over, or whose paid period
 * has ended, gets 402 before any provider is called. Reads only memory ({@link TrialBalance}).
 */
@Component
public class QuotaGuard implements Processor {

    private final TrialBalance balance;

    public QuotaGuard(TrialBalance balance) {
        this.balance = balance;
    }

    @Override
    public void process(Exchange exchange) {
        Caller caller = exchange.getProperty(ApiKeyAuthenticator.CALLER, Caller.class);
        ApiError refusal = balance.of(caller.tenantId()).refusal(Instant.now());
        if (refusal != null) {
            throw refusal;
        }
    }
}
