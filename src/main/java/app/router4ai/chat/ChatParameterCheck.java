package app.router4ai.chat;

import app.router4ai.api.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * The chat request's sampling parameters and tools, checked against OpenAI's published ranges
 * (openai/openai-openapi, CreateChatCompletionRequest) before any provider is called, whichever provider
 * the model goes to: a 400 naming the parameter, instead of a value each wire adapter would read its own
 * way (a string {@code tools} was silently dropped for Anthropic and Gemini) or a provider's refusal after
 * a failover. Absent and {@code null} mean "the default". A dozen map lookups: cheap enough for every request.
 */
@Component
public class ChatParameterCheck {

    /** max_tokens / max_completion_tokens: what every wire adapter can hold in an int. */
    static final long MAX_TOKENS = Integer.MAX_VALUE;

    /** OpenAI's reasoning efforts ({@code none} and {@code xhigh} for the models that have them). */
    private static final java.util.Set<String> EFFORTS = java.util.Set.of("none", "minimal", "low", "medium", "high", "xhigh");

    public void check(ObjectNode request) {
        number(request, "temperature", 0, 2);
        number(request, "top_p", 0, 1);
        number(request, "presence_penalty", -2, 2);
        number(request, "frequency_penalty", -2, 2);
        integer(request, "max_tokens", 1, MAX_TOKENS);
        integer(request, "max_completion_tokens", 1, MAX_TOKENS);
        integer(request, "n", 1, 128);
        integer(request, "top_logprobs", 0, 20);
        integer(request, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        bool(request, "logprobs");
        stop(request.get("stop"));
        tools(request.get("tools"));
        reasoning(request);
    }

    /**
     * {@code reasoning_effort} (OpenAI) and {@code reasoning} (OpenRouter's object): what every provider's control is
     * derived from, so a value no mapping knows is the client's 400 here, not a provider's later.
     */
    private static void reasoning(ObjectNode request) {
        effort(request.get("reasoning_effort"), "reasoning_effort");
        JsonNode reasoning = request.get("reasoning");
        if (reasoning == null || reasoning.isNull()) {
            return;
        }
        if (!reasoning.isObject()) {
            throw ApiError.invalidRequest("reasoning", "'reasoning' must be an object such as {\"effort\":\"high\"} "
                    + "or {\"max_tokens\":4096,\"exclude\":false}.");
        }
        effort(reasoning.get("effort"), "reasoning.effort");
        JsonNode budget = reasoning.get("max_tokens");
        if (budget != null && !budget.isNull() && !isIntegerWithin(budget, 0, MAX_TOKENS)) {
            throw ApiError.invalidRequest("reasoning.max_tokens", "'reasoning.max_tokens' must be an integer from 0 to "
                    + MAX_TOKENS + " (got " + shown(budget) + ").");
        }
        for (String flag : new String[] {"exclude", "enabled"}) {
            JsonNode value = reasoning.get(flag);
            if (value != null && !value.isNull() && !value.isBoolean()) {
                throw ApiError.invalidRequest("reasoning." + flag, "'reasoning." + flag + "' must be true or false (got " + shown(value) + ").");
            }
        }
    }

    private static void effort(JsonNode effort, String name) {
        if (effort != null && !effort.isNull() && !(effort.isTextual() && EFFORTS.contains(effort.asText()))) {
            throw ApiError.invalidRequest(name, "'" + name + "' must be one of none, minimal, low, medium, high, xhigh (got "
                    + shown(effort) + ").");
        }
    }

    private static void number(ObjectNode request, String name, double min, double max) {
        JsonNode value = request.get(name);
        if (value != null && !value.isNull() && !(value.isNumber() && value.doubleValue() >= min && value.doubleValue() <= max)) {
            throw ApiError.invalidRequest(name, "'" + name + "' must be a number from " + plain(min) + " to " + plain(max)
                    + " (got " + shown(value) + ").");
        }
    }

    private static void integer(ObjectNode request, String name, long min, long max) {
        JsonNode value = request.get(name);
        if (value != null && !value.isNull() && !isIntegerWithin(value, min, max)) {
            throw ApiError.invalidRequest(name, "'" + name + "' must be an integer from " + min + " to " + max
                    + " (got " + shown(value) + ").");
        }
    }

    /** An integral value in range, also when written {@code 1e3} or {@code 2.0}. */
    private static boolean isIntegerWithin(JsonNode value, long min, long max) {
        if (value.canConvertToExactIntegral() && value.canConvertToLong()) {
            long n = value.asLong();
            return n >= min && n <= max;
        }
        return false;
    }

    private static void bool(ObjectNode request, String name) {
        JsonNode value = request.get(name);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw ApiError.invalidRequest(name, "'" + name + "' must be true or false (got " + shown(value) + ").");
        }
    }

    private static void stop(JsonNode stop) {
        if (stop == null || stop.isNull() || stop.isTextual()) {
            return;
        }
        if (stop.isArray()) {
            for (int i = 0; i < stop.size(); i++) {
                if (!stop.get(i).isTextual()) {
                    throw ApiError.invalidRequest("stop[" + i + "]", "'stop[" + i + "]' must be a string.");
                }
            }
            return;
        }
        throw ApiError.invalidRequest("stop", "'stop' must be a string or a list of strings.");
    }

    /** A list of {@code {"type":"function","function":{"name",...}}} (or OpenAI's custom tools), once for every provider. */
    private static void tools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw ApiError.invalidRequest("tools", "'tools' must be a list of tools, e.g. "
                    + "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{...}}}].");
        }
        for (int i = 0; i < tools.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) {
                throw ApiError.invalidRequest(at, "'" + at + "' must be a tool object with 'type' and 'function'.");
            }
            JsonNode type = tool.get("type");
            if (type != null && !type.isTextual()) {
                throw ApiError.invalidRequest(at + ".type", "'" + at + ".type' must be a string such as \"function\".");
            }
            String kind = type == null ? "function" : type.asText();
            if (kind.equals("function") || kind.equals("custom")) {
                definition(tool.get(kind), at + "." + kind);
            }
        }
    }

    private static void definition(JsonNode definition, String at) {
        if (definition == null || !definition.isObject()) {
            throw ApiError.invalidRequest(at, "'" + at + "' must be an object with a 'name'.");
        }
        JsonNode name = definition.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiError.invalidRequest(at + ".name", "'" + at + ".name' must be a non-empty string.");
        }
        JsonNode parameters = definition.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw ApiError.invalidRequest(at + ".parameters", "'" + at + ".parameters' must be a JSON Schema object.");
        }
    }

    private static String plain(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
