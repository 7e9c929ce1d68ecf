package app.router4ai.billing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code router.ledger.backlog}: usage rows accepted but not yet written. Stays near zero when the
 * ledger keeps up; a number that keeps growing under load means the database writes fall behind.
 */
@Component
public class UsageLedgerMetrics {

    public UsageLedgerMetrics(UsageLedger ledger, MeterRegistry meters) {
        Gauge.builder("router.ledger.backlog", ledger, UsageLedger::backlog)
                .description("Usage rows accepted but not yet written to the ledger")
                .register(meters);
    }
}
