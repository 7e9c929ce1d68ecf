package app.router4ai.responses;

import app.router4ai.call.ApiCall;
import app.router4ai.call.RamBlock;
import app.router4ai.call.Sse;
import app.router4ai.call.StreamEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A streamed answer as the Responses API's events, each with its {@code sequence_number}, in the order the
 * official SDKs' stream helpers check: {@code response.created}, {@code response.in_progress}; per output item
 * {@code response.output_item.added}, then for the model's thinking a reasoning item's summary
 * ({@code response.reasoning_summary_part.added}, {@code response.reasoning_summary_text.delta}s), for the assistant's text {@code response.content_part.added} and
 * {@code response.output_text.delta}s (or {@code response.refusal.delta}s), for a function call
 * {@code response.function_call_arguments.delta}s; when the provider finishes, every open item is closed
 * ({@code .done} events, {@code response.output_item.done} with the whole item) and the stream ends with
 * {@code response.completed} (or {@code response.incomplete}) carrying the whole response, its usage and
 * {@code _ram}. A provider failure after the first byte ends it with {@code response.failed}.
 *
 * <p>The assistant's text is one message item, closed when the first function call starts; calls are items of
 * their own, keyed by the chat tool-call index, so interleaved argument fragments still land in the right one.
 */
final class ResponsesStreamEncoder implements StreamEncoder {

    /** One output item being streamed. */
    private static final class Item {
        final int outputIndex;
        final String id;
        final String callId;
        final String flatName;
        final StringBuilder text = new StringBuilder();
        String partType;        // the message's content part: output_text or refusal (null until one starts)
        boolean reasoning;      // a reasoning item: its text is the summary
        boolean open = true;

        Item(int outputIndex, String id, String callId, String flatName) {
            this.outputIndex = outputIndex;
            this.id = id;
            this.callId = callId;
            this.flatName = flatName;
        }

        boolean isCall() {
            return callId != null;
        }
    }

    private final ApiCall call;
    private final ObjectMapper json;
    private final ResponsesFormat format;
    private final ResponsesRequest request;
    private final List<Item> items = new ArrayList<>();
    private final Map<Integer, Item> callsByIndex = new LinkedHashMap<>();
    private Item message;
    private Item thinking;
    private int sequence;
    private boolean started;
    private String finishReason;
    private JsonNode usage;

    ResponsesStreamEncoder(ApiCall call, ObjectMapper json, ResponsesFormat format) {
        this.call = call;
        this.json = json;
        this.format = format;
        this.request = call.surfaceRequest(ResponsesRequest.class);
    }

    @Override
    public void chunk(ObjectNode chunk, ByteArrayOutputStream out) throws IOException {
        start(out, chunk);
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;   // the Responses API has one answer; the parser never asks for more
            }
            JsonNode delta = choice.path("delta");
            if (!delta.path("reasoning_content").asText("").isEmpty()) {
                reasoningDelta(delta.get("reasoning_content").asText(), out);
            }
            if (!delta.path("content").asText("").isEmpty()) {
                textDelta("output_text", delta.get("content").asText(), out);
            }
            if (!delta.path("refusal").asText("").isEmpty()) {
                textDelta("refusal", delta.get("refusal").asText(), out);
            }
            for (JsonNode toolCall : delta.path("tool_calls")) {
                callDelta(toolCall, out);
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
        }
    }

    @Override
    public void usage(ObjectNode chunk, ByteArrayOutputStream out) throws IOException {
        start(out, chunk);
        usage = chunk.get("usage");
    }

    @Override
    public void done(ByteArrayOutputStream out) throws IOException {
        start(out, null);
        String status = ResponseItems.status(finishReason);
        for (Item item : items) {
            close(item, status, out);
        }
        ObjectNode response = ResponseItems.response(json, request, model(null), status, output(status),
                ResponseItems.usage(json, usage != null ? usage : usageOfCall()), null,
                ResponseItems.incompleteDetails(json, finishReason));
        response.put("output_text", ResponseItems.outputText((ArrayNode) response.get("output")));
        format.keep(call, request, response, ResponseItems.assistantMessage(json, messageText(), calls()));
        RamBlock.attach(response, call);
        event(status.equals("completed") ? "response.completed" : "response.incomplete", lifecycle(response), out);
    }

    @Override
    public void failure(String message, String type, String code, ByteArrayOutputStream out) throws IOException {
        start(out, null);
        ObjectNode error = json.createObjectNode().put("code", code == null ? "server_error" : code).put("message", message);
        ObjectNode response = ResponseItems.response(json, request, model(null), "failed", output("incomplete"),
                ResponseItems.usage(json, usageOfCall()), error, null);
        RamBlock.attach(response, call);
        event("response.failed", lifecycle(response), out);
    }

    /** response.created and response.in_progress, before anything else. */
    private void start(ByteArrayOutputStream out, JsonNode chunk) throws IOException {
        if (started) {
            return;
        }
        started = true;
        ObjectNode response = ResponseItems.response(json, request, model(chunk), "in_progress", json.createArrayNode(),
                null, null, null);
        event("response.created", lifecycle(response), out);
        event("response.in_progress", lifecycle(response), out);
    }

    /**
     * The model's thinking as a reasoning item's summary ({@code response.reasoning_summary_part.added},
     * {@code response.reasoning_summary_text.delta}s), closed when the answer's text or first call starts.
     */
    private void reasoningDelta(String delta, ByteArrayOutputStream out) throws IOException {
        if (thinking == null) {
            thinking = new Item(items.size(), ResponseIds.reasoning(), null, null);
            thinking.reasoning = true;
            items.add(thinking);
            itemEvent("response.output_item.added", thinking, reasoningItem(thinking), out);
            ObjectNode added = itemScoped(thinking).put("summary_index", 0);
            added.putObject("part").put("type", "summary_text").put("text", "");
            event("response.reasoning_summary_part.added", added, out);
        }
        if (thinking.open) {
            thinking.text.append(delta);
            event("response.reasoning_summary_text.delta", itemScoped(thinking).put("summary_index", 0).put("delta", delta), out);
        }
    }

    private ObjectNode reasoningItem(Item item) {
        ObjectNode summary = ResponseItems.reasoning(json, item.id, item.text.toString());
        if (item.text.isEmpty()) {
            summary.putArray("summary");
        }
        return summary;
    }

    private void textDelta(String partType, String delta, ByteArrayOutputStream out) throws IOException {
        if (thinking != null) {
            close(thinking, "completed", out);
        }
        if (message == null || !message.open) {
            message = new Item(items.size(), ResponseIds.message(), null, null);
            items.add(message);
            itemEvent("response.output_item.added", message, ResponseItems.message(json, message.id, "in_progress", List.of()), out);
        }
        if (message.partType == null) {
            message.partType = partType;
            ObjectNode added = itemScoped(message).put("content_index", 0);
            added.set("part", part(partType, ""));
            event("response.content_part.added", added, out);
        } else if (!message.partType.equals(partType)) {
            return;   // a refusal and text in one message: OpenAI sends one or the other; keep the first
        }
        message.text.append(delta);
        ObjectNode event = itemScoped(message).put("content_index", 0).put("delta", delta);
        if (partType.equals("output_text")) {
            event.putArray("logprobs");
            event("response.output_text.delta", event, out);
        } else {
            event("response.refusal.delta", event, out);
        }
    }

    private void callDelta(JsonNode toolCall, ByteArrayOutputStream out) throws IOException {
        int index = toolCall.path("index").asInt(callsByIndex.size());
        Item item = callsByIndex.get(index);
        if (item == null) {
            if (thinking != null) {
                close(thinking, "completed", out);
            }
            if (message != null && message.open) {
                close(message, "completed", out);
            }
            String callId = toolCall.path("id").asText("");
            item = new Item(items.size(), ResponseIds.functionCall(), callId.isEmpty() ? ResponseIds.next("call_") : callId,
                    toolCall.path("function").path("name").asText(""));
            items.add(item);
            callsByIndex.put(index, item);
            itemEvent("response.output_item.added", item, callItem(item, "in_progress", ""), out);
        }
        String arguments = toolCall.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            item.text.append(arguments);
            event("response.function_call_arguments.delta", itemScoped(item).put("delta", arguments), out);
        }
    }

    /** The .done events of one item, then response.output_item.done with the whole of it. */
    private void close(Item item, String status, ByteArrayOutputStream out) throws IOException {
        if (!item.open) {
            return;
        }
        item.open = false;
        if (item.reasoning) {
            event("response.reasoning_summary_text.done", itemScoped(item).put("summary_index", 0).put("text", item.text.toString()), out);
            ObjectNode partDone = itemScoped(item).put("summary_index", 0);
            partDone.putObject("part").put("type", "summary_text").put("text", item.text.toString());
            event("response.reasoning_summary_part.done", partDone, out);
            itemEvent("response.output_item.done", item, reasoningItem(item), out);
            return;
        }
        if (item.isCall()) {
            event("response.function_call_arguments.done", itemScoped(item).put("name", request.function(item.flatName).name())
                    .put("arguments", item.text.toString()), out);
            itemEvent("response.output_item.done", item, callItem(item, "completed", item.text.toString()), out);
            return;
        }
        if (item.partType == null) {   // an item is never left without content
            item.partType = "output_text";
            ObjectNode added = itemScoped(item).put("content_index", 0);
            added.set("part", part("output_text", ""));
            event("response.content_part.added", added, out);
        }
        if (item.partType.equals("output_text")) {
            ObjectNode done = itemScoped(item).put("content_index", 0).put("text", item.text.toString());
            done.putArray("logprobs");
            event("response.output_text.done", done, out);
        } else {
            event("response.refusal.done", itemScoped(item).put("content_index", 0).put("refusal", item.text.toString()), out);
        }
        ObjectNode partDone = itemScoped(item).put("content_index", 0);
        partDone.set("part", part(item.partType, item.text.toString()));
        event("response.content_part.done", partDone, out);
        itemEvent("response.output_item.done", item, messageItem(item, status), out);
    }

    /** The output items as they stand: closed ones complete, open ones with what they have. */
    private ArrayNode output(String status) {
        ArrayNode output = json.createArrayNode();
        for (Item item : items) {
            output.add(item.reasoning ? reasoningItem(item)
                    : item.isCall() ? callItem(item, "completed", item.text.toString()) : messageItem(item, status));
        }
        return output;
    }

    private ObjectNode messageItem(Item item, String status) {
        return ResponseItems.message(json, item.id, status, List.of(part(item.partType == null ? "output_text" : item.partType,
                item.text.toString())));
    }

    private ObjectNode callItem(Item item, String status, String arguments) {
        return ResponseItems.functionCall(json, new ResponseItems.Call(item.id, item.callId, item.flatName, arguments),
                request.function(item.flatName), status);
    }

    private ObjectNode part(String type, String text) {
        return type.equals("refusal") ? ResponseItems.refusal(json, text) : ResponseItems.outputText(json, text);
    }

    private String messageText() {
        StringBuilder text = new StringBuilder();
        items.stream().filter(i -> !i.isCall() && !i.reasoning && "output_text".equals(i.partType)).forEach(i -> text.append(i.text));
        return text.toString();
    }

    private List<ResponseItems.Call> calls() {
        return items.stream().filter(Item::isCall)
                .map(i -> new ResponseItems.Call(i.id, i.callId, i.flatName, i.text.toString())).toList();
    }

    /** The settled usage in chat's shape, for a stream whose provider never sent its own. */
    private JsonNode usageOfCall() {
        ObjectNode usage = json.createObjectNode().put("prompt_tokens", call.usage().promptTokens())
                .put("completion_tokens", call.usage().completionTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", call.usage().cachedTokens());
        return usage;
    }

    private String model(JsonNode chunk) {
        if (chunk != null && chunk.hasNonNull("model")) {
            return chunk.get("model").asText();
        }
        return call.answeringModel() != null ? call.answeringModel() : call.deployment().model().providerModel();
    }

    private ObjectNode lifecycle(ObjectNode response) {
        ObjectNode event = json.createObjectNode();
        event.set("response", response);
        return event;
    }

    private ObjectNode itemScoped(Item item) {
        return json.createObjectNode().put("item_id", item.id).put("output_index", item.outputIndex);
    }

    private void itemEvent(String type, Item item, ObjectNode body, ByteArrayOutputStream out) throws IOException {
        ObjectNode event = json.createObjectNode().put("output_index", item.outputIndex);
        event.set("item", body);
        event(type, event, out);
    }

    /** Writes one event: its type and sequence number first, then its fields. */
    private void event(String type, ObjectNode fields, ByteArrayOutputStream out) throws IOException {
        ObjectNode event = json.createObjectNode().put("type", type).put("sequence_number", sequence++);
        event.setAll(fields);
        Sse.event(out, type, json.writeValueAsBytes(event));
    }
}
