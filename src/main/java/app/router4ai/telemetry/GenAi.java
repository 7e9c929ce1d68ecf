package app.router4ai.telemetry;

import app.router4ai.call.ApiCall;
import app.router4ai.call.Surface;
import java.util.Locale;

/**
 * The OpenTelemetry GenAI semantic conventions' names for what the router knows of a call: attribute keys,
 * the operation and the provider as the conventions spell them. Spans and metrics use the same.
 */
public final class GenAi {

    public static final String OPERATION = "gen_ai.operation.name";
    public static final String PROVIDER = "gen_ai.provider.name";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String RESPONSE_ID = "gen_ai.response.id";
    public static final String FINISH_REASONS = "gen_ai.response.finish_reasons";
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String ERROR_TYPE = "error.type";

    private GenAi() {
    }

    /** {@code chat}, {@code text_completion}, {@code embeddings}; moderations have no GenAI name and keep theirs. */
    public static String operation(ApiCall call) {
        Surface.Operation operation = call.surface().operation();
        return switch (operation) {
            case CHAT -> "chat";
            case COMPLETIONS -> "text_completion";
            case EMBEDDINGS -> "embeddings";
            case MODERATIONS -> "moderations";
        };
    }

    /** The provider as the conventions name it ({@code gcp.gemini}); the router's own name otherwise. */
    public static String provider(String routerName) {
        if (routerName == null) {
            return "none";
        }
        return switch (routerName.toLowerCase(Locale.ROOT)) {
            case "gemini" -> "gcp.gemini";
            default -> routerName;
        };
    }
}
