package app.router4ai.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Keys from creation to revocation, through the admin API and the chat endpoint; run on each database. */
public abstract class KeyLifecycleContract extends RouterTest {

    private static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    @Autowired
    KeyHasher hasher;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void createUseRotateRevoke() {
        TenantKey first = newTenantKey();
        assertThat(first.key()).startsWith("ram_live_").hasSizeGreaterThan(9 + 16 + 1 + 32);
        assertThat(chat(first.key(), HELLO).statusCode()).isEqualTo(200);

        JsonNode rotated = admin("POST", "/admin/v1/keys/" + first.keyId() + "/rotate", null, 201);
        String second = rotated.get("key").asText();
        assertThat(rotated.get("id").asText()).isNotEqualTo(first.keyId());
        assertThat(chat(first.key(), HELLO).statusCode()).isEqualTo(401);
        assertThat(chat(second, HELLO).statusCode()).isEqualTo(200);

        admin("DELETE", "/admin/v1/keys/" + rotated.get("id").asText(), null, 204);
        HttpResponse<String> revoked = chat(second, HELLO);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(readJson(revoked.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
        // It says what happened: a rotated or revoked key is not "incorrect".
        assertThat(readJson(revoked.body()).at("/error/message").asText()).contains(" was revoked at ");
    }

    @Test
    void listingShowsKeysWithoutSecretsAndStoresOnlyArgon2Hashes() {
        TenantKey key = newTenantKey();
        chat(key.key(), HELLO);
        JsonNode list = admin("GET", "/admin/v1/tenants/" + key.tenantId() + "/keys", null, 200);

        JsonNode listed = list.get("data").get(0);
        assertThat(listed.get("id").asText()).isEqualTo(key.keyId());
        assertThat(listed.get("prefix").asText()).isEqualTo("ram_live_" + key.keyId());
        assertThat(listed.has("key")).isFalse();
        assertThat(list.toString()).doesNotContain(key.key().substring(26));
        String stored = jdbc.queryForObject("SELECT key_hash FROM api_keys WHERE id = ?", String.class, key.keyId());
        assertThat(stored).startsWith("$argon2id$").doesNotContain(key.key().substring(26));
    }

    @Test
    void aVerifiedKeyIsServedFromMemoryAndOnlyKeyShapedTokensReachArgon2() {
        TenantKey key = newTenantKey();
        chat(key.key(), HELLO);
        long afterFirstUse = hasher.verifications();
        for (int i = 0; i < 5; i++) {
            assertThat(chat(key.key(), HELLO).statusCode()).isEqualTo(200);
        }
        assertThat(hasher.verifications()).isEqualTo(afterFirstUse);

        assertThat(chat("not-even-a-key", HELLO).statusCode()).isEqualTo(401);
        assertThat(hasher.verifications()).isEqualTo(afterFirstUse);

        // An unknown id and a wrong secret cost the same one verification: the answer's time tells nothing.
        assertThat(chat("ram_live_zzzzzzzzzzzzzzzz_" + "A".repeat(43), HELLO).statusCode()).isEqualTo(401);
        assertThat(chat("ram_live_" + key.keyId() + "_" + "B".repeat(43), HELLO).statusCode()).isEqualTo(401);
        assertThat(hasher.verifications()).isEqualTo(afterFirstUse + 2);
    }

    @Test
    void adminApiNeedsTheTokenAndAnswersUnknownIdsWith404() {
        HttpResponse<String> noToken = send("POST", "/admin/v1/tenants", null, "{\"name\":\"x\",\"email\":\"x@y.z\"}");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(readJson(noToken.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(send("POST", "/admin/v1/tenants", "Bearer wrong", "{\"name\":\"x\",\"email\":\"x@y.z\"}").statusCode())
                .isEqualTo(401);
        admin("POST", "/admin/v1/tenants/ten_missing/keys", "{\"name\":\"x\"}", 404);
        admin("GET", "/admin/v1/tenants/ten_missing/keys", null, 404);
        admin("POST", "/admin/v1/keys/missing/rotate", null, 404);
        admin("DELETE", "/admin/v1/keys/missing", null, 404);
        admin("POST", "/admin/v1/tenants", "{\"name\":\"x\"}", 400);
        admin("POST", "/admin/v1/tenants", "{\"name\":\"x\",\"email\":\"x@y.z\"}", 201);
    }
}
