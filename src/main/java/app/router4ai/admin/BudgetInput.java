package app.router4ai.admin;

import app.router4ai.api.ApiError;
import app.router4ai.budget.Budget;
import app.router4ai.budget.BudgetPeriod;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;

/**
 * A budget as the admin API and the dashboard take it: {@code limit_usd} and/or {@code limit_tokens}, {@code period}
 * ({@code day}, {@code week}, {@code month} or {@code none}; default {@code month}), {@code alert_threshold_percent}
 * (1–100, default 80). Anything else is a 400 naming the field, before anything is written.
 */
public final class BudgetInput {

    static final Set<String> FIELDS = Set.of("limit_usd", "limit_tokens", "period", "alert_threshold_percent");
    /** Beyond these a budget means nothing, and sums of them could overflow. */
    static final BigDecimal MAX_USD = new BigDecimal("1000000000");
    static final long MAX_TOKENS = 1_000_000_000_000_000L;

    private BudgetInput() {
    }

    public static Budget parse(JsonNode body, String subject, String tenantId) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.invalidRequest(name, "Unknown field '" + name + "': a budget has " + FIELDS + ".");
            }
        }
        BigDecimal usd = usd(body.get("limit_usd"));
        Long tokens = tokens(body.get("limit_tokens"));
        if (usd == null && tokens == null) {
            throw ApiError.invalidRequest("limit_usd", "A budget needs 'limit_usd' (US dollars) or 'limit_tokens', or both.");
        }
        JsonNode periodNode = body.get("period");
        BudgetPeriod period = periodNode == null || periodNode.isNull() ? BudgetPeriod.MONTH
                : periodNode.isTextual() ? BudgetPeriod.of(periodNode.asText()) : null;
        if (period == null) {
            throw ApiError.invalidRequest("period", "'period' must be one of day, week, month or none (lifetime); got "
                    + periodNode + ".");
        }
        JsonNode alert = body.get("alert_threshold_percent");
        int alertPercent = 80;
        if (alert != null && !alert.isNull()) {
            if (!alert.isIntegralNumber() || alert.asLong() < 1 || alert.asLong() > 100) {
                throw ApiError.invalidRequest("alert_threshold_percent",
                        "'alert_threshold_percent' must be an integer from 1 to 100; got " + alert + ".");
            }
            alertPercent = alert.intValue();
        }
        return new Budget(subject, tenantId, usd == null ? null : usd.movePointRight(2), tokens, period, alertPercent);
    }

    private static BigDecimal usd(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal usd = value.isNumber() ? value.decimalValue() : null;
        if (usd == null || usd.signum() < 0 || usd.compareTo(MAX_USD) > 0 || usd.scale() > 6) {
            throw ApiError.invalidRequest("limit_usd", "'limit_usd' must be a number of US dollars from 0 to "
                    + MAX_USD.toPlainString() + " with at most 6 decimals; got " + value + ".");
        }
        return usd;
    }

    private static Long tokens(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0 || value.asLong() > MAX_TOKENS) {
            throw ApiError.invalidRequest("limit_tokens", "'limit_tokens' must be a whole number of tokens from 0 to "
                    + MAX_TOKENS + "; got " + value + ".");
        }
        return value.asLong();
    }
}
