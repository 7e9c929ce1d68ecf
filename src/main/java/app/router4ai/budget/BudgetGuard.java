package app.router4ai.budget;

import app.router4ai.api.ApiError;
import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.auth.Caller;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The admit route's step after the quota: a caller whose key's or workspace's budget is spent gets 402 before
 * any provider is called, on every endpoint. Reads only memory ({@link SpendBook}). A stream already running is
 * never cut: only the next request is refused.
 */
@Component
public class BudgetGuard implements Processor {

    private final SpendBook book;

    public BudgetGuard(SpendBook book) {
        this.book = book;
    }

    @Override
    public void process(Exchange exchange) {
        Caller caller = exchange.getProperty(ApiKeyAuthenticator.CALLER, Caller.class);
        ApiError refusal = book.refusal(caller);
        if (refusal != null) {
            throw refusal;
        }
    }
}
