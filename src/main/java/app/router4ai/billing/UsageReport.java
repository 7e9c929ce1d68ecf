package app.router4ai.billing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A tenant's usage over whole UTC days {@code from}..{@code to} (both included): what
 * {@code GET /v1/usage} and the admin usage endpoint return, and what the dashboard draws.
 */
@JsonPropertyOrder({"object", "from", "to", "total", "by_model", "by_day"})
public record UsageReport(LocalDate from, LocalDate to, Totals total,
                          @JsonProperty("by_model") List<ModelUsage> byModel,
                          @JsonProperty("by_day") List<DayUsage> byDay) {

    @JsonProperty("object")
    public String object() {
        return "usage";
    }

    @JsonIgnore
    public boolean empty() {
        return total.requests() == 0;
    }

    /** Token and cost sums; cost in US cents, exact. */
    @JsonPropertyOrder({"prompt_tokens", "completion_tokens", "total_tokens", "cost_cents_usd", "requests"})
    public record Totals(@JsonProperty("prompt_tokens") long promptTokens,
                         @JsonProperty("completion_tokens") long completionTokens,
                         @JsonProperty("cost_cents_usd") BigDecimal costCents,
                         long requests) {

        public static final Totals ZERO = new Totals(0, 0, BigDecimal.ZERO, 0);

        @JsonProperty("total_tokens")
        public long totalTokens() {
            return promptTokens + completionTokens;
        }
    }

    @JsonPropertyOrder({"model", "requests", "prompt_tokens", "completion_tokens", "total_tokens", "cost_cents_usd"})
    public record ModelUsage(String model, @JsonUnwrapped Totals totals) {
    }

    @JsonPropertyOrder({"date", "requests", "prompt_tokens", "completion_tokens", "total_tokens", "cost_cents_usd"})
    public record DayUsage(LocalDate date, @JsonUnwrapped Totals totals) {
    }
}
