package app.router4ai.billing;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Surface;
import app.router4ai.call.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The token counts a provider reports, checked before they price a call, count against a balance or reach the
 * ledger, whatever the provider and the API surface. A count is impossible when it is negative, or beyond what
 * the request allows: prompt tokens beyond the largest context ({@code max-prompt-tokens}) or beyond what the
 * request's own text can amount to (at most {@value #TOKENS_PER_CHAR} tokens a character, plus slack; not
 * applied when the request carries images, audio, files or provider-side tools, whose tokens its text does not
 * show), completion tokens beyond the output limit asked for ({@code max_tokens}, else the catalog's, else
 * {@code max-output-tokens}) times {@code n}, plus slack. An impossible count is replaced by the router's own
 * estimate; the call is flagged ({@link ApiCall#usageRejected()}, the ledger's {@code usage_estimated}), logged
 * at WARN once and counted in {@code router_provider_usage_rejected_total{provider,reason}}. Cached and
 * cache-write tokens are kept within the prompt.
 */
@Component
public class ProviderUsageCheck {

    private static final Logger log = LoggerFactory.getLogger(ProviderUsageCheck.class);
    private static final int TOKENS_PER_CHAR = 4;
    /** Input the request's text does not show the size of. */
    private static final Set<String> UNCOUNTED_PARTS = Set.of("image_url", "image", "input_image", "input_audio", "audio",
            "file", "input_file", "document", "video", "video_url");

    private final Settings settings;
    private final MeterRegistry meters;

    public ProviderUsageCheck(Settings settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    /** The usage to bill for the call: {@code reported} when possible, else with the router's estimate where it is not. */
    public Usage vetted(ApiCall call, Usage reported, Supplier<Usage> estimate) {
        List<String> reasons = new ArrayList<>(2);
        long prompt = reported.promptTokens();
        long completion = reported.completionTokens();
        Usage estimated = null;
        String promptProblem = promptProblem(call, prompt);
        if (promptProblem != null) {
            reasons.add(promptProblem);
            estimated = estimate.get();
            prompt = estimated.promptTokens();
        }
        String completionProblem = completionProblem(call, completion);
        if (completionProblem != null) {
            reasons.add(completionProblem);
            estimated = estimated != null ? estimated : estimate.get();
            completion = estimated.completionTokens();
        }
        long cached = Math.clamp(reported.cachedTokens(), 0, prompt);
        long cacheWrite = Math.clamp(reported.cacheWriteTokens(), 0, prompt - cached);
        if (cached != reported.cachedTokens() || cacheWrite != reported.cacheWriteTokens()) {
            reasons.add("cached_out_of_range");
        }
        if (reasons.isEmpty()) {
            return reported;
        }
        rejected(call, reported, reasons);
        return new Usage(prompt, completion, cached, cacheWrite);
    }

    private void rejected(ApiCall call, Usage reported, List<String> reasons) {
        String provider = call.deployment() != null ? call.deployment().providerName() : "unknown";
        boolean first = call.usageRejected() == null;
        call.usageRejected(String.join(",", reasons));
        if (!first) {
            return;   // once per request (a stream may report usage twice)
        }
        reasons.forEach(reason -> Counter.builder("router.provider.usage.rejected").tag("provider", provider).tag("reason", reason)
                .description("Provider-reported token counts replaced by the router's estimate").register(meters).increment());
        log.warn("Provider {} reported impossible usage for request {} ({}: prompt {}, completion {}, cached {}, cache writes {});"
                        + " billed with the router's estimate", provider, call.requestId(), String.join(", ", reasons),
                reported.promptTokens(), reported.completionTokens(), reported.cachedTokens(), reported.cacheWriteTokens());
    }

    private String promptProblem(ApiCall call, long prompt) {
        if (prompt < 0) {
            return "negative";
        }
        if (prompt > settings.maxPromptTokens()) {
            return "over_context";
        }
        if (prompt <= settings.slackTokens()) {
            return null;
        }
        long textual = requestChars(call);   // only for a count big enough to matter: this serialises the request
        if (prompt > textual * TOKENS_PER_CHAR + settings.slackTokens() && !hasUncountedInput(call)) {
            return "over_request";
        }
        return null;
    }

    private String completionProblem(ApiCall call, long completion) {
        if (completion < 0) {
            return "negative";
        }
        long limit = (outputLimit(call) + reasoningAllowance(call)) * choices(call);
        return completion > limit + Math.max(limit, settings.slackTokens()) ? "over_max_tokens" : null;
    }

    /** The most output tokens one choice may have: what the request asked for, else the catalog's limit, else the setting. */
    private long outputLimit(ApiCall call) {
        Surface.Operation operation = call.surface().operation();
        if (operation == Surface.Operation.EMBEDDINGS || operation == Surface.Operation.MODERATIONS) {
            return 0;
        }
        ObjectNode request = call.request();
        for (String field : List.of("max_completion_tokens", "max_tokens", "max_output_tokens")) {
            if (request != null && request.path(field).canConvertToLong() && request.get(field).asLong() > 0) {
                return request.get(field).asLong();
            }
        }
        long catalog = call.deployment() != null ? call.deployment().model().maxOutputTokens() : 0;
        return catalog > 0 ? catalog : settings.maxOutputTokens();
    }

    /**
     * Thinking the request asked for ({@code reasoning_effort}, a {@code reasoning} object): its own budget when it
     * names one, else the output limit again. Providers count thinking as output, and not all of them within the
     * answer's {@code max_tokens}.
     */
    private long reasoningAllowance(ApiCall call) {
        ObjectNode request = call.request();
        if (request == null || !request.hasNonNull("reasoning_effort") && !request.hasNonNull("reasoning")) {
            return 0;
        }
        long budget = request.path("reasoning").path("max_tokens").asLong(0);
        return budget > 0 ? budget : outputLimit(call);
    }

    private static long choices(ApiCall call) {
        long n = call.request() == null ? 1 : call.request().path("n").asLong(1);
        return Math.clamp(n, 1, 128);
    }

    private static long requestChars(ApiCall call) {
        long chars = call.request() == null ? 0 : call.request().toString().length();
        if (call.clientBytes() != null) {
            chars = Math.max(chars, call.clientBytes().length);
        } else if (call.clientBody() != call.request() && call.clientBody() != null) {
            chars = Math.max(chars, call.clientBody().toString().length());
        }
        return chars;
    }

    /**
     * Input whose tokens the request's text does not show: images, audio, files, documents, provider-side tools
     * (a web search adds the pages it read), or blocks only the surface's own providers take.
     */
    private static boolean hasUncountedInput(ApiCall call) {
        return call.untranslatable() != null || uncounted(call.request(), false) || uncounted(call.clientBody(), false);
    }

    private static boolean uncounted(JsonNode node, boolean inTools) {
        if (node == null) {
            return false;
        }
        if (node.isObject()) {
            String type = node.path("type").asText("");
            if (UNCOUNTED_PARTS.contains(type) || inTools && !type.isEmpty() && !type.equals("function") && !type.equals("custom")) {
                return true;
            }
            for (var field : node.properties()) {
                if (uncounted(field.getValue(), field.getKey().equals("tools"))) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (uncounted(item, inTools)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param maxPromptTokens the most prompt tokens any request can have (the largest context window served)
     * @param maxOutputTokens an answer's output limit when neither the request nor the catalog gives one
     * @param slackTokens     what a count may exceed its bound by (chat templates, tool prompts, tokenizer differences)
     */
    @ConfigurationProperties("router.provider-usage")
    public record Settings(@DefaultValue("2097152") long maxPromptTokens, @DefaultValue("262144") long maxOutputTokens,
                           @DefaultValue("8192") long slackTokens) {
    }
}
