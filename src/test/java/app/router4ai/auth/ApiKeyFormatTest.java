package app.router4ai.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    @Test
    void aNewKeyHasThePrefixAPublicIdAnd256BitsOfSecret() {
        String id = ApiKeyFormat.newId();
        String key = ApiKeyFormat.newKey(id);
        assertThat(key).startsWith("ram_live_" + id + "_");
        byte[] secret = Base64.getUrlDecoder().decode(key.substring(("ram_live_" + id + "_").length()));
        assertThat(secret).hasSize(32);
        assertThat(ApiKeyFormat.parse(key)).isEqualTo(new ApiKeyFormat.Parsed(id, key));
        assertThat(ApiKeyFormat.newKey(id)).isNotEqualTo(key);
    }

    @Test
    void textNotShapedLikeAKeyIsRejectedBeforeAnyLookup() {
        assertThat(ApiKeyFormat.parse(null)).isNull();
        assertThat(ApiKeyFormat.parse("sk-abc")).isNull();
        assertThat(ApiKeyFormat.parse("ram_live_short")).isNull();
        assertThat(ApiKeyFormat.parse("ram_live_ABCDEFGHIJKLMNOP_secret")).isNull();
        assertThat(ApiKeyFormat.parse("ram_live_abcdefghijklmnop-secret")).isNull();
    }

    @Test
    void errorMessagesNeverRepeatTheSecret() {
        String key = ApiKeyFormat.newKey(ApiKeyFormat.newId());
        String shown = ApiKeyAuthenticator.redact(key);
        assertThat(shown).contains("****").hasSizeLessThan(30);
        assertThat(key).doesNotContain(shown.replace("****", ""));
    }
}
