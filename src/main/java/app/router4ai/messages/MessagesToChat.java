package app.router4ai.messages;

import app.router4ai.provider.UnsupportedRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * An Anthropic Messages request as the router's canonical chat-completions request, for providers that do not
 * speak Anthropic's format.
 * <ul>
 *   <li>{@code system} (a string or text blocks) and {@code role: "system"} messages become system messages, in
 *       place; user blocks become content parts (text, images as data or http(s) URLs, documents as text or
 *       file parts); a user turn's {@code tool_result} blocks become {@code tool} messages ahead of its other
 *       content (images in a result follow in that content); assistant {@code tool_use} blocks become {@code tool_calls} with the same ids.</li>
 *   <li>{@code max_tokens}, {@code temperature}, {@code top_p}, {@code stop_sequences} (as {@code stop}),
 *       {@code tools} (input_schema as parameters), {@code tool_choice} (auto, any as required, tool, none;
 *       {@code disable_parallel_tool_use} as {@code parallel_tool_calls: false}), {@code stream}, and a JSON
 *       schema output format as {@code response_format}.</li>
 *   <li>{@code thinking}: the canonical reasoning request (see {@link #thinking}); a target whose model does not
 *       think ignores it.</li>
 *   <li>Dropped: thinking blocks (a translated target can neither read nor verify them), cache_control,
 *       {@code metadata}, {@code top_k}, and Anthropic-only settings ({@code context_management},
 *       {@code output_config.effort}, {@code service_tier}, ...).</li>
 *   <li>Blocks and tools only Anthropic serves (server tools, files by id, search results, ...) have no
 *       canonical form: they are left out and reported, and a translated attempt then fails with that report
 *       (the candidate is unfit) while a passed-through one does not need them translated.</li>
 * </ul>
 */
final class MessagesToChat {

    /** The canonical request, and the first thing in the body it could not express (null when none). */
    record Translated(ObjectNode request, UnsupportedRequest problem) {
    }

    private final ObjectMapper json;

    MessagesToChat(ObjectMapper json) {
        this.json = json;
    }

    Translated translate(ObjectNode body) {
        UnsupportedRequest[] first = new UnsupportedRequest[1];
        Consumer<UnsupportedRequest> problems = p -> {
            if (first[0] == null) {
                first[0] = p;
            }
        };
        ObjectNode chat = json.createObjectNode();
        chat.set("model", body.get("model"));
        ArrayNode messages = chat.putArray("messages");
        String system = text(body.get("system"), "system", problems);
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        JsonNode turns = body.path("messages");
        for (int i = 0; i < turns.size(); i++) {
            turn(turns.get(i), "messages[" + i + "]", messages, problems);
        }
        copy(body, "max_tokens", chat, "max_tokens");
        copy(body, "temperature", chat, "temperature");
        copy(body, "top_p", chat, "top_p");
        copy(body, "stop_sequences", chat, "stop");
        copy(body, "stream", chat, "stream");
        tools(body, chat, problems);
        responseFormat(body, chat);
        thinking(body, chat);
        return new Translated(chat, first[0]);
    }

    /**
     * Anthropic's {@code thinking} as the canonical reasoning request, which the target's own mapping then takes:
     * a budget as {@code reasoning.max_tokens}, adaptive thinking as {@code reasoning_effort} (its
     * {@code output_config.effort}, Anthropic's default high when absent; {@code max} is the highest there is, xhigh).
     */
    private static void thinking(ObjectNode body, ObjectNode chat) {
        JsonNode thinking = body.path("thinking");
        switch (thinking.path("type").asText()) {
            case "enabled" -> {
                if (thinking.path("budget_tokens").canConvertToInt() && thinking.get("budget_tokens").asInt() > 0) {
                    chat.putObject("reasoning").put("max_tokens", thinking.get("budget_tokens").asInt());
                } else {
                    chat.putObject("reasoning");
                }
            }
            case "adaptive" -> {
                String effort = body.path("output_config").path("effort").asText("high");
                if (effort.matches("low|medium|high|max")) {
                    chat.put("reasoning_effort", effort.equals("max") ? "xhigh" : effort);
                }
            }
            default -> {
                // disabled or absent: no reasoning asked
            }
        }
    }

    private void turn(JsonNode message, String param, ArrayNode out, Consumer<UnsupportedRequest> problems) {
        String role = message.path("role").asText();
        JsonNode content = message.get("content");
        switch (role) {
            case "system" -> out.addObject().put("role", "system").put("content", text(content, param + ".content", problems));
            case "assistant" -> assistant(content, param, out, problems);
            default -> user(content, param, out, problems);
        }
    }

    private void user(JsonNode content, String param, ArrayNode out, Consumer<UnsupportedRequest> problems) {
        if (content == null || content.isTextual()) {
            out.addObject().put("role", "user").put("content", content == null ? "" : content.asText());
            return;
        }
        ArrayNode parts = json.createArrayNode();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String at = param + ".content[" + j + "]";
            switch (block.path("type").asText()) {
                case "text" -> parts.addObject().put("type", "text").put("text", block.path("text").asText());
                case "image" -> image(block.path("source"), at, parts, problems);
                case "document" -> document(block.path("source"), at, parts, problems);
                case "tool_result" -> toolResult(block, at, out, parts, problems);
                case "thinking", "redacted_thinking" -> {
                    // not the user's to send; nothing a translated target can read
                }
                default -> problems.accept(unsupported(at + ".type", block));
            }
        }
        if (!parts.isEmpty()) {
            ObjectNode user = out.addObject().put("role", "user");
            if (parts.size() == 1 && parts.get(0).path("type").asText().equals("text")) {
                user.put("content", parts.get(0).path("text").asText());
            } else {
                user.set("content", parts);
            }
        }
    }

    /**
     * A tool message with the result's text; images in the result (a screenshot, a file read) cannot go in a
     * tool message, so they follow in the user message after the tool messages.
     */
    private void toolResult(JsonNode block, String param, ArrayNode out, ArrayNode userParts,
                            Consumer<UnsupportedRequest> problems) {
        JsonNode content = block.get("content");
        StringBuilder text = new StringBuilder();
        if (content != null && content.isArray()) {
            for (int k = 0; k < content.size(); k++) {
                JsonNode part = content.get(k);
                switch (part.path("type").asText()) {
                    case "text" -> text.append(text.isEmpty() ? "" : "\n\n").append(part.path("text").asText());
                    case "image" -> image(part.path("source"), param + ".content[" + k + "]", userParts, problems);
                    default -> problems.accept(unsupported(param + ".content[" + k + "].type", part));
                }
            }
        } else if (content != null && !content.isNull()) {
            text.append(content.asText());
        }
        out.addObject().put("role", "tool").put("tool_call_id", block.path("tool_use_id").asText()).put("content", text.toString());
    }

    private void assistant(JsonNode content, String param, ArrayNode out, Consumer<UnsupportedRequest> problems) {
        ObjectNode message = json.createObjectNode().put("role", "assistant");
        if (content == null || content.isTextual()) {
            out.add(message.put("content", content == null ? "" : content.asText()));
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = json.createArrayNode();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> calls.addObject().put("id", block.path("id").asText()).put("type", "function")
                        .putObject("function").put("name", block.path("name").asText())
                        .put("arguments", write(block.has("input") ? block.get("input") : json.createObjectNode()));
                case "thinking", "redacted_thinking" -> {
                    // another provider's reasoning: a translated target can neither read nor verify it
                }
                default -> problems.accept(unsupported(param + ".content[" + j + "].type", block));
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        out.add(message);
    }

    private void image(JsonNode source, String param, ArrayNode parts, Consumer<UnsupportedRequest> problems) {
        String url = switch (source.path("type").asText()) {
            case "base64" -> "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText();
            case "url" -> source.path("url").asText();
            default -> null;
        };
        if (url == null) {
            problems.accept(new UnsupportedRequest(param + ".source.type",
                    "Image source type '" + source.path("type").asText() + "' is only supported by Anthropic models."));
            return;
        }
        parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
    }

    /** Plain-text documents as text; base64 PDFs as an OpenAI file part (providers that cannot read one refuse it). */
    private void document(JsonNode source, String param, ArrayNode parts, Consumer<UnsupportedRequest> problems) {
        switch (source.path("type").asText()) {
            case "text" -> parts.addObject().put("type", "text").put("text", source.path("data").asText());
            case "content" -> parts.addObject().put("type", "text").put("text", text(source.get("content"), param, problems));
            case "base64" -> parts.addObject().put("type", "file").putObject("file").put("filename", "document.pdf")
                    .put("file_data", "data:" + source.path("media_type").asText("application/pdf") + ";base64,"
                            + source.path("data").asText());
            default -> problems.accept(new UnsupportedRequest(param + ".source.type",
                    "Document source type '" + source.path("type").asText() + "' is only supported by Anthropic models."));
        }
    }

    /** A string, or text blocks joined; anything but text in them is reported (and left out). */
    private String text(JsonNode content, String param, Consumer<UnsupportedRequest> problems) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            if ("text".equals(block.path("type").asText())) {
                text.append(text.isEmpty() ? "" : "\n\n").append(block.path("text").asText());
            } else {
                problems.accept(unsupported(param + "[" + j + "].type", block));
            }
        }
        return text.toString();
    }

    private void tools(JsonNode body, ObjectNode chat, Consumer<UnsupportedRequest> problems) {
        JsonNode tools = body.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode functions = chat.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = tool.path("type").asText("custom");
            if (!type.equals("custom")) {
                problems.accept(new UnsupportedRequest("tools[" + i + "].type",
                        "Tool type '" + type + "' is a server tool only Anthropic models run."));
                continue;
            }
            ObjectNode function = functions.addObject().put("type", "function").putObject("function")
                    .put("name", tool.path("name").asText());
            if (tool.hasNonNull("description")) {
                function.put("description", tool.get("description").asText());
            }
            function.set("parameters", tool.has("input_schema") ? tool.get("input_schema")
                    : json.createObjectNode().put("type", "object"));
        }
        JsonNode choice = body.path("tool_choice");
        switch (choice.path("type").asText()) {
            case "auto" -> chat.put("tool_choice", "auto");
            case "any" -> chat.put("tool_choice", "required");
            case "none" -> chat.put("tool_choice", "none");
            case "tool" -> chat.putObject("tool_choice").put("type", "function")
                    .putObject("function").put("name", choice.path("name").asText());
            default -> {
                // absent: the target's default, auto
            }
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            chat.put("parallel_tool_calls", false);
        }
    }

    /** Structured outputs ({@code output_config.format}, or the older {@code output_format}) as a json_schema response format. */
    private void responseFormat(JsonNode body, ObjectNode chat) {
        JsonNode format = body.path("output_config").has("format") ? body.path("output_config").path("format")
                : body.path("output_format");
        if ("json_schema".equals(format.path("type").asText()) && format.has("schema")) {
            chat.putObject("response_format").put("type", "json_schema").putObject("json_schema")
                    .put("name", "output").set("schema", format.get("schema"));
        }
    }

    private static UnsupportedRequest unsupported(String param, JsonNode block) {
        return new UnsupportedRequest(param, "Content block type '" + block.path("type").asText()
                + "' is only supported by Anthropic models.");
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
