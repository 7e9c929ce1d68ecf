package app.router4ai.responses;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonMessages;
import app.router4ai.auth.ApiKeyAuthenticator;
import app.router4ai.auth.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The stored responses of the calling key's tenant (routes/responses.yaml): {@code GET /v1/responses/{id}},
 * {@code DELETE /v1/responses/{id}}, {@code GET /v1/responses/{id}/input_items} (a list page: {@code limit}
 * 1–100, default 20; {@code order} desc (default) or asc; {@code after} an item id). Another tenant's response,
 * or one past its retention, is 404 as if it never existed.
 */
@Component
public class ResponsesApi {

    private final ResponseStore store;
    private final ObjectMapper json;

    public ResponsesApi(ResponseStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public void retrieve(Exchange exchange) throws IOException {
        JsonMessages.reply(exchange.getMessage(), 200, stored(exchange).response(), json);
    }

    public void delete(Exchange exchange) throws IOException {
        String id = id(exchange);
        if (!store.delete(tenant(exchange), id)) {
            throw notFound(id);
        }
        ObjectNode deleted = json.createObjectNode().put("id", id).put("object", "response.deleted").put("deleted", true);
        JsonMessages.reply(exchange.getMessage(), 200, deleted, json);
    }

    public void inputItems(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        List<JsonNode> items = new ArrayList<>();
        stored(exchange).inputItems().forEach(items::add);
        String order = message.getHeader("order", "desc", String.class);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiError.invalidRequest("order", "'order' must be 'asc' or 'desc'.");
        }
        if (order.equals("desc")) {
            java.util.Collections.reverse(items);
        }
        String after = message.getHeader("after", String.class);
        if (after != null) {
            int at = indexOf(items, after);
            if (at < 0) {
                throw ApiError.invalidRequest("after", "No input item with id '" + after + "' in this response.");
            }
            items = items.subList(at + 1, items.size());
        }
        int limit = limit(message.getHeader("limit", String.class));
        ObjectNode page = json.createObjectNode().put("object", "list");
        ArrayNode data = page.putArray("data");
        items.stream().limit(limit).forEach(data::add);
        page.set("first_id", data.isEmpty() ? json.nullNode() : data.get(0).get("id"));
        page.set("last_id", data.isEmpty() ? json.nullNode() : data.get(data.size() - 1).get("id"));
        page.put("has_more", items.size() > limit);
        JsonMessages.reply(message, 200, page, json);
    }

    private ResponseStore.Stored stored(Exchange exchange) {
        String id = id(exchange);
        return store.find(tenant(exchange), id).orElseThrow(() -> notFound(id));
    }

    private static String id(Exchange exchange) {
        return exchange.getMessage().getHeader("id", String.class);
    }

    private static String tenant(Exchange exchange) {
        return exchange.getProperty(ApiKeyAuthenticator.CALLER, Caller.class).tenantId();
    }

    private static ApiError notFound(String id) {
        return new ApiError(404, "invalid_request_error", null, null, "Response with id '" + id + "' not found.", null);
    }

    private static int indexOf(List<JsonNode> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).path("id").asText())) {
                return i;
            }
        }
        return -1;
    }

    private static int limit(String text) {
        if (text == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.invalidRequest("limit", "'limit' must be a whole number from 1 to 100.");
    }
}
