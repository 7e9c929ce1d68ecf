package app.router4ai.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What the parser keeps of a Responses API request for writing its answer ({@code ApiCall.surfaceRequest}).
 *
 * @param id        the response's id ({@code resp_…}), fixed before any provider is called
 * @param createdAt unix seconds
 * @param echo      the request's settings as the response object repeats them (instructions, tools, text, ...)
 * @param inputItems the input items with their ids, as {@code /input_items} lists them
 * @param history   the conversation as chat messages: the previous response's, then this input (no instructions)
 * @param store     whether the response is kept for retrieval and {@code previous_response_id}
 * @param functions the functions providers were offered, by flat name: how their calls are named back
 */
record ResponsesRequest(String id, long createdAt, ObjectNode echo, ArrayNode inputItems, ArrayNode history,
                        boolean store, Map<String, FunctionName> functions) {

    /** The client's name (and namespace) of a function a provider called by its flat name. */
    FunctionName function(String flatName) {
        return functions.getOrDefault(flatName, new FunctionName(null, flatName));
    }
}
