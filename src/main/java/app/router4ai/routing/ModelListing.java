package app.router4ai.routing;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonMessages;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The catalog as OpenAI's {@code list} of {@code model} objects, or one of them when the path names a model. */
@Component
public class ModelListing implements Processor {

    private final ModelCatalog catalog;
    private final ObjectMapper json;

    public ModelListing(ModelCatalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String id = message.getHeader("model", String.class);
        ObjectNode body;
        if (id == null) {
            body = json.createObjectNode().put("object", "list");
            ArrayNode data = body.putArray("data");
            catalog.all().forEach(m -> data.add(model(m)));
        } else {
            body = model(catalog.find(id).orElseThrow(() -> ApiError.modelNotFound(id,
                    "The model '" + id + "' does not exist.")));
        }
        JsonMessages.reply(message, 200, body, json);
    }

    private ObjectNode model(CatalogModel m) {
        ObjectNode node = json.createObjectNode().put("id", m.id()).put("object", "model").put("created", m.created())
                .put("owned_by", m.provider());
        node.putObject("_ram").put("tier", m.tier()).put("provider", m.provider())
                .put("input_usd_per_million", m.inputUsdPerMillion()).put("output_usd_per_million", m.outputUsdPerMillion());
        return node;
    }
}
