package app.router4ai.budget;

import java.math.BigDecimal;

/**
 * A spending cap of one key or one workspace (tenant): US cents and/or tokens per period; either limit may be
 * null, not both. Past {@code alertPercent} of either limit, the router warns once per period (log, metric,
 * dashboard).
 *
 * @param subject {@code key:<id>} or {@code tenant:<id>} ({@link #keySubject}, {@link #tenantSubject})
 */
public record Budget(String subject, String tenantId, BigDecimal limitCents, Long limitTokens, BudgetPeriod period,
                     int alertPercent) {

    public static String keySubject(String keyId) {
        return "key:" + keyId;
    }

    public static String tenantSubject(String tenantId) {
        return "tenant:" + tenantId;
    }

    public boolean ofKey() {
        return subject.startsWith("key:");
    }

    /** The cents limit in micro-cents (how {@link Spend} counts), or -1 when there is none. */
    long limitMicroCents() {
        return limitCents == null ? -1 : Spend.microCents(limitCents);
    }

    long limitTokensOrNone() {
        return limitTokens == null ? -1 : limitTokens;
    }

    /** "This API key's daily budget" / "This workspace's monthly budget". */
    String title() {
        return (ofKey() ? "This API key's " : "This workspace's ") + period.adjective() + " budget";
    }
}
