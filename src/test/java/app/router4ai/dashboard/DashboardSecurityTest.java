package app.router4ai.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.auth.ApiKeyService;
import app.router4ai.support.RouterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's security over plain HTTP: what needs sign-in, CSRF on every form, one tenant never
 * reaching another's keys, sign-in throttling, the session cookie, and the API left exactly as it was.
 */
class DashboardSecurityTest extends RouterTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern KEY_ID = Pattern.compile("data-key-id=\"([a-z0-9]+)\"");
    private static final List<String> SECURITY_HEADERS = List.of("set-cookie", "x-frame-options", "content-security-policy",
            "x-xss-protection", "www-authenticate", "location");

    @Autowired
    ApiKeyService keys;

    private DashboardSession session() {
        return new DashboardSession(baseUrl());
    }

    private static String email() {
        return "u-" + UUID.randomUUID() + "@example.test";
    }

    private static String onlyKeyId(String keysPage) {
        Matcher m = KEY_ID.matcher(keysPage);
        assertThat(m.find()).as("a key on the page").isTrue();
        return m.group(1);
    }

    @Test
    void theApiAdminApiActuatorAndDemoNeverMeetSpringSecurity() {
        TenantKey tenant = newTenantKey();
        String hello = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        HttpResponse<String> ok = chat(tenant.key(), hello);
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> noKey = send("POST", "/v1/chat/completions", null, hello);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(readJson(noKey.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
        HttpResponse<String> models = send("GET", "/v1/models", "Bearer " + tenant.key(), null);
        assertThat(models.statusCode()).isEqualTo(200);
        HttpResponse<String> usage = send("GET", "/v1/usage", "Bearer " + tenant.key(), null);
        assertThat(usage.statusCode()).isEqualTo(200);
        // A state-changing admin call with no CSRF token and no session works as before.
        HttpResponse<String> created = send("POST", "/admin/v1/tenants", "Bearer " + ADMIN_TOKEN,
                "{\"name\":\"Beta\",\"email\":\"ops@beta.test\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        HttpResponse<String> noAdminToken = send("POST", "/admin/v1/tenants/" + tenant.tenantId() + "/keys", null, "{}");
        assertThat(noAdminToken.statusCode()).isEqualTo(401);
        assertThat(readJson(noAdminToken.body()).at("/error/code").asText()).isEqualTo("invalid_admin_token");
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> demo = send("POST", "/demo/openai/v1/chat/completions", null, hello);
        assertThat(demo.statusCode()).isNotIn(302, 403);

        for (HttpResponse<String> response : List.of(ok, noKey, models, usage, created, noAdminToken, health, demo)) {
            assertThat(response.headers().map().keySet()).as(response.uri().toString()).map(String::toLowerCase)
                    .doesNotContainAnyElementsOf(SECURITY_HEADERS);
        }
    }

    @Test
    void pagesNeedASignedInUser() {
        DashboardSession anonymous = session();
        for (String page : List.of("/", "/app/keys", "/app/usage", "/app/quickstart")) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/login");
        }
        HttpResponse<String> login = anonymous.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRefused() {
        String email = email();
        DashboardSession user = session().signUp("Acme", email, PASSWORD);
        assertThat(user.get("/app/keys").statusCode()).isEqualTo(200);

        assertThat(user.post("/app/keys", Map.of("name", "forged")).statusCode()).isEqualTo(403);
        assertThat(user.post("/app/keys", Map.of("name", "forged", "_csrf", "not-the-token")).statusCode()).isEqualTo(403);
        assertThat(user.post("/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(session().post("/signup", Map.of("workspace", "X", "email", email(), "password", PASSWORD)).statusCode())
                .isEqualTo(403);
        assertThat(session().post("/login", Map.of("email", email, "password", PASSWORD)).statusCode()).isEqualTo(403);

        assertThat(user.get("/app/keys").body()).doesNotContain("forged").contains("No API keys yet");
        assertThat(user.submit("/app/keys", "/app/keys", "name", "real").statusCode()).isEqualTo(302);
        assertThat(user.get("/app/keys").body()).contains("real");
    }

    @Test
    void anotherTenantCannotSeeOrTouchKeysItDoesNotOwn() {
        DashboardSession alice = session().signUp("Alice Co", email(), PASSWORD);
        alice.submit("/app/keys", "/app/keys", "name", "alice-backend");
        String aliceKey = onlyKeyId(alice.get("/app/keys").body());

        DashboardSession bob = session().signUp("Bob Co", email(), PASSWORD);
        assertThat(bob.get("/app/keys").body()).doesNotContain(aliceKey).doesNotContain("alice-backend");
        for (String action : List.of("rotate", "revoke")) {
            HttpResponse<String> page = bob.get("/app/keys/" + aliceKey + "/" + action);
            assertThat(page.statusCode()).as("GET " + action).isEqualTo(404);
            assertThat(page.body()).contains("There’s nothing here").doesNotContain("alice-backend");
            // Form tampering: Bob's own valid CSRF token, Alice's key id.
            HttpResponse<String> post = bob.submit("/app/keys", "/app/keys/" + aliceKey + "/" + action);
            assertThat(post.statusCode()).as("POST " + action).isEqualTo(404);
        }
        // The same answer as for a key that does not exist at all.
        assertThat(bob.get("/app/keys/zzzzzzzzzzzzzzzz/revoke").statusCode()).isEqualTo(404);

        assertThat(keys.find(aliceKey).orElseThrow().revoked()).isFalse();
        assertThat(keys.list(keys.find(aliceKey).orElseThrow().tenantId())).hasSize(1);
        assertThat(alice.get("/app/keys").body()).contains("alice-backend").contains("Active");
    }

    @Test
    void failedSignInsAreLimitedPerEmailAndAddress() {
        String email = email();
        session().signUp("Acme", email, PASSWORD);
        DashboardSession attacker = session();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = attacker.signIn(email, "wrong password " + i);
            assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        }
        HttpResponse<String> locked = attacker.signIn(email, PASSWORD);
        assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
        assertThat(attacker.get("/login?locked").body()).contains("Too many failed sign-ins");
        assertThat(attacker.get("/app/keys").statusCode()).isEqualTo(302);

        // Another account from the same address is not locked out.
        String other = email();
        session().signUp("Other", other, PASSWORD);
        DashboardSession otherUser = session();
        assertThat(otherUser.signIn(other.toUpperCase(), PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/app/keys");
        assertThat(otherUser.get("/app/keys").statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndSecureBehindTls() {
        String plain = session().get("/login").headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(plain).startsWith("r4a_session=").contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");

        String behindTls = session().get("/login", "X-Forwarded-Proto", "https").headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(behindTls).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
    }

    @Test
    void signUpExplainsWhatIsWrongAndRefusesATakenEmail() {
        HttpResponse<String> invalid = session().submit("/signup", "/signup", "workspace", "", "email", "nope", "password", "short");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("Enter a workspace name").contains("Enter an email address").contains("at least 10 characters");

        String email = email();
        session().signUp("First", email, PASSWORD);
        HttpResponse<String> taken = session().submit("/signup", "/signup", "workspace", "Second", "email", email.toUpperCase(),
                "password", PASSWORD);
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(taken.body()).contains("An account already uses this email");
    }

    @Test
    void signOutEndsTheSession() {
        DashboardSession user = session().signUp("Acme", email(), PASSWORD);
        assertThat(user.get("/app/keys").statusCode()).isEqualTo(200);
        HttpResponse<String> out = user.submit("/app/keys", "/logout");
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedout");
        assertThat(user.get("/app/keys").statusCode()).isEqualTo(302);
    }
}
