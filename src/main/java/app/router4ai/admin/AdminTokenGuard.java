package app.router4ai.admin;

import app.router4ai.api.ApiError;
import app.router4ai.api.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Lets an admin call through only with {@code Authorization: Bearer $ROUTER_ADMIN_TOKEN}; with no token set, the admin API is off. */
@Component
public class AdminTokenGuard implements Processor {

    private final byte[] token;

    public AdminTokenGuard(@Value("${router.admin-token:}") String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(Exchange exchange) {
        if (token == null) {
            throw new ApiError(403, "invalid_request_error", "admin_disabled", null,
                    "The admin API is disabled: start the router with ROUTER_ADMIN_TOKEN set.", null);
        }
        String header = exchange.getMessage().getHeader(Headers.AUTHORIZATION, String.class);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "invalid_request_error", "invalid_admin_token", null,
                    "Missing or incorrect admin token.", null);
        }
    }
}
