package app.router4ai.routing;

import app.router4ai.api.ApiError;
import app.router4ai.api.JsonMessages;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        RoutingConfig config = catalog.current();
        ObjectNode body;
        if (id == null) {
            body = json.createObjectNode().put("object", "list");
            ArrayNode data = body.putArray("data");
            config.models().values().forEach(m -> data.add(model(m)));
            config.groups().forEach((name, members) -> data.add(group(name, members, config)));
            tierNames(config).forEach(tier -> data.add(tier(tier, config)));
        } else if (config.models().containsKey(id)) {
            body = model(config.models().get(id));
        } else if (config.groups().containsKey(id)) {
            body = group(id, config.groups().get(id), config);
        } else if (config.isTier(id)) {
            body = tier(id, config);
        } else {
            throw ApiError.modelNotFound(id, "The model '" + id + "' does not exist.");
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

    /** A model group: tried in its order; tier and prices are its first model's. */
    private ObjectNode group(String name, List<String> members, RoutingConfig config) {
        CatalogModel first = config.models().get(members.getFirst());
        ObjectNode node = json.createObjectNode().put("id", name).put("object", "model").put("created", first.created())
                .put("owned_by", "router4ai");
        ObjectNode ram = node.putObject("_ram").put("type", "group").put("tier", first.tier())
                .put("input_usd_per_million", first.inputUsdPerMillion()).put("output_usd_per_million", first.outputUsdPerMillion());
        ArrayNode models = ram.putArray("models");
        members.forEach(models::add);
        return node;
    }

    /** A tier asked for by name: its models, and its strategy. */
    private ObjectNode tier(String name, RoutingConfig config) {
        ObjectNode node = json.createObjectNode().put("id", name).put("object", "model").put("created", 0)
                .put("owned_by", "router4ai");
        ObjectNode ram = node.putObject("_ram").put("type", "tier").put("tier", name)
                .put("strategy", config.tier(name).strategy().name().toLowerCase(Locale.ROOT));
        ArrayNode models = ram.putArray("models");
        config.models().values().stream().filter(m -> m.tier().equals(name)).forEach(m -> models.add(m.id()));
        return node;
    }

    private static Set<String> tierNames(RoutingConfig config) {
        Set<String> names = new LinkedHashSet<>();
        config.models().values().forEach(m -> names.add(m.tier()));
        names.addAll(config.tiers().keySet());
        names.removeIf(n -> config.models().containsKey(n));
        return names;
    }
}
