package app.router4ai.fake;

import static app.router4ai.fake.FixtureJson.JSON;
import static app.router4ai.fake.FixtureJson.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Bodies of an OpenAI-compatible provider that is not OpenAI, as DeepSeek's API reference shows them: the
 * OpenAI wire format with its own differences. The message has no {@code refusal} (and no
 * {@code logprobs} beside it), usage adds {@code prompt_cache_hit_tokens}/{@code prompt_cache_miss_tokens},
 * and a stream puts the usage on the finish chunk (whose delta says {@code "role": null}) rather than on a
 * chunk of its own.
 */
public final class DeepSeekFixtures {

    private DeepSeekFixtures() {
    }

    public static String completion(String model, String content, int promptTokens, int completionTokens) {
        ObjectNode body = JSON.createObjectNode().put("id", "930c60df-bf64-41c9-a88e-3ec75f81e00e");
        ObjectNode choice = body.putArray("choices").addObject().put("finish_reason", "stop").put("index", 0);
        choice.putObject("message").put("content", content).put("role", "assistant");
        body.put("created", 1705651092).put("model", model).put("object", "chat.completion");
        body.set("usage", usage(promptTokens, completionTokens));
        return write(body);
    }

    /**
     * An answer of {@code deepseek-reasoner}: the chain of thought as {@code reasoning_content} beside the content,
     * its tokens as {@code completion_tokens_details.reasoning_tokens} (part of completion_tokens).
     */
    public static String reasonerCompletion(String content, String reasoning, int promptTokens, int completionTokens,
                                             int reasoningTokens) {
        ObjectNode body = (ObjectNode) FixtureJson.read(completion("deepseek-reasoner", content, promptTokens, completionTokens));
        ((ObjectNode) body.at("/choices/0/message")).put("reasoning_content", reasoning);
        ((ObjectNode) body.get("usage")).putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens);
        return write(body);
    }

    /** A streamed {@code deepseek-reasoner} answer: reasoning_content deltas (content null) first, then the content. */
    public static List<String> reasonerStreamEvents(List<String> reasoning, List<String> pieces, int promptTokens,
                                                    int completionTokens) {
        List<String> events = new ArrayList<>(streamEvents("deepseek-reasoner", pieces, promptTokens, completionTokens));
        List<String> thoughts = new ArrayList<>();
        for (String piece : reasoning) {
            ObjectNode chunk = chunk("deepseek-reasoner");
            ObjectNode choice = chunk.withArray("choices").addObject().put("index", 0);
            choice.putObject("delta").putNull("content").put("reasoning_content", piece);
            choice.putNull("finish_reason").putNull("logprobs");
            chunk.putNull("usage");
            thoughts.add(event(chunk));
        }
        events.addAll(1, thoughts);
        return events;
    }

    /** A streamed answer, one chunk per piece; the finish chunk carries the usage; then [DONE]. */
    public static List<String> streamEvents(String model, List<String> pieces, int promptTokens, int completionTokens) {
        List<String> events = new ArrayList<>();
        ObjectNode first = chunk(model);
        ObjectNode opening = first.withArray("choices").addObject().put("index", 0);
        opening.putObject("delta").put("content", "").put("role", "assistant");
        opening.putNull("finish_reason").putNull("logprobs");
        first.putNull("usage");
        events.add(event(first));
        for (String piece : pieces) {
            ObjectNode chunk = chunk(model);
            ObjectNode choice = chunk.withArray("choices").addObject().put("index", 0);
            choice.putObject("delta").put("content", piece);
            choice.putNull("finish_reason").putNull("logprobs");
            chunk.putNull("usage");
            events.add(event(chunk));
        }
        ObjectNode last = chunk(model);
        ObjectNode finish = last.withArray("choices").addObject();
        finish.putObject("delta").put("content", "").putNull("role");
        finish.put("finish_reason", "stop").put("index", 0).putNull("logprobs");
        last.set("usage", usage(promptTokens, completionTokens));
        events.add(event(last));
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static ObjectNode chunk(String model) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "1f633d8bfc032625086f14113c411638");
        chunk.putArray("choices");
        return chunk.put("created", 1718345013).put("model", model).put("system_fingerprint", "fp_a49d71b8a1")
                .put("object", "chat.completion.chunk");
    }

    private static ObjectNode usage(int promptTokens, int completionTokens) {
        ObjectNode usage = JSON.createObjectNode().put("completion_tokens", completionTokens).put("prompt_tokens", promptTokens)
                .put("prompt_cache_hit_tokens", 0).put("prompt_cache_miss_tokens", promptTokens)
                .put("total_tokens", promptTokens + completionTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        return usage;
    }

    private static String event(ObjectNode chunk) {
        return "data: " + write(chunk) + "\n\n";
    }
}
