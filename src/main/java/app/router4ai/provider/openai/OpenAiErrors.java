package app.router4ai.provider.openai;

import app.router4ai.provider.ErrorBodies;
import app.router4ai.provider.UpstreamFault;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which refusals of OpenAI and OpenAI-compatible providers (DeepSeek, Azure OpenAI) mean what. OpenAI codes
 * {@code context_length_exceeded} and {@code content_policy_violation}; Azure codes its safety system's refusal
 * {@code content_filter}; DeepSeek says only "This model's maximum context length is N tokens".
 */
final class OpenAiErrors {

    private OpenAiErrors() {
    }

    static UpstreamFault classify(ObjectMapper json, int status, byte[] body) {
        UpstreamFault byStatus = UpstreamFault.byStatus(status);
        if (byStatus == UpstreamFault.TRANSIENT || byStatus == UpstreamFault.KEY_REFUSED) {
            return byStatus;
        }
        JsonNode error = ErrorBodies.error(json, body);
        String code = ErrorBodies.field(error, "code");
        if (code.equals("insufficient_quota")) {
            return UpstreamFault.KEY_REFUSED;   // a 429 that waiting does not cure: our account is out of credit
        }
        if (byStatus == UpstreamFault.RATE_LIMITED) {
            return byStatus;
        }
        String message = ErrorBodies.field(error, "message");
        if (code.equals("context_length_exceeded") || code.equals("string_above_max_length")
                || message.contains("maximum context length") || message.contains("context_length_exceeded")) {
            return UpstreamFault.CONTEXT_TOO_LONG;
        }
        if (code.equals("content_policy_violation") || code.equals("content_filter")
                || ErrorBodies.field(error, "type").equals("content_policy_violation")) {
            return UpstreamFault.CONTENT_POLICY;
        }
        if (code.equals("invalid_api_key")) {
            return UpstreamFault.KEY_REFUSED;
        }
        return UpstreamFault.CLIENT_ERROR;
    }
}
