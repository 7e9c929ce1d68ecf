package app.router4ai.messages;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonMessages;
import app.router4ai.routing.CatalogModel;
import app.router4ai.routing.ModelCatalog;
import app.router4ai.routing.ModelKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * {@code GET /v1/models} (and {@code /v1/models/{model}}) in Anthropic's shape, for a request that carries
 * {@code anthropic-version} (Anthropic's SDKs and Claude Code): {@code ModelInfo} objects (id, type,
 * display_name, created_at as RFC 3339), newest first, as one page.
 */
@Component
public class AnthropicModelListing implements Processor {

    private final ModelCatalog catalog;
    private final ObjectMapper json;

    public AnthropicModelListing(ModelCatalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String id = message.getHeader("model", String.class);
        ObjectNode body;
        if (id == null) {
            List<CatalogModel> models = catalog.all().stream().filter(m -> m.kind() == ModelKind.CHAT)   // what Messages serves
                    .sorted(Comparator.comparingLong(CatalogModel::created).reversed()).toList();
            body = json.createObjectNode();
            ArrayNode data = body.putArray("data");
            models.forEach(m -> data.add(model(m)));
            body.put("has_more", false);
            body.put("first_id", models.isEmpty() ? null : models.getFirst().id());
            body.put("last_id", models.isEmpty() ? null : models.getLast().id());
        } else {
            body = model(catalog.find(id).orElseThrow(() -> ApiError.modelNotFound(id, "model: " + id)));
        }
        JsonMessages.reply(message, 200, body, json);
    }

    private ObjectNode model(CatalogModel m) {
        return json.createObjectNode().put("type", "model").put("id", m.id()).put("display_name", m.id())
                .put("created_at", Instant.ofEpochSecond(m.created()).toString());
    }
}
