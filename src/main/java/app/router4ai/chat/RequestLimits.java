package app.router4ai.chat;

import app.router4ai.api.ApiError;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Limits on what a client may send. */
@ConfigurationProperties("router.request")
public record RequestLimits(@DefaultValue("4MB") DataSize maxBody) {

    public long maxBodyBytes() {
        return maxBody.toBytes();
    }

    public ApiError tooLarge() {
        return new ApiError(413, "invalid_request_error", "request_too_large", null,
                "The request body is larger than the " + maxBody.toKilobytes() + " KB this router accepts.", null);
    }
}
