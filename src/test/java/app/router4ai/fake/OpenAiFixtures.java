package app.router4ai.fake;

import java.util.ArrayList;
import java.util.List;

/** Bodies in OpenAI's wire format, as its API reference documents them, for the fake provider to send. */
public final class OpenAiFixtures {

    private OpenAiFixtures() {
    }

    public static String completion(String model, String content, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-fake123","object":"chat.completion","created":1732000000,"model":"%s",
                 "system_fingerprint":"fp_fake",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                          "prompt_tokens_details":{"cached_tokens":0},
                          "completion_tokens_details":{"reasoning_tokens":0}}}
                """.formatted(model, content, promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /** The events of a streamed answer, one word per chunk, with the usage chunk and [DONE], as sent with include_usage. */
    public static List<String> streamEvents(String model, List<String> words, int promptTokens, int completionTokens) {
        List<String> events = new ArrayList<>();
        String head = "{\"id\":\"chatcmpl-fake456\",\"object\":\"chat.completion.chunk\",\"created\":1732000001,\"model\":\"" + model
                + "\",\"system_fingerprint\":\"fp_fake\",";
        events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (String word : words) {
            events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + word
                    + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        events.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":null}\n\n");
        events.add("data: " + head + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
                + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    public static String error(String message, String type, String param, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":"
                + (param == null ? "null" : "\"" + param + "\"") + ",\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }
}
