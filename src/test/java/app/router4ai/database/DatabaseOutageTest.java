package app.router4ai.database;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.dashboard.DashboardSession;
import app.router4ai.support.LogCapture;
import app.router4ai.support.PostgresAvailable;
import app.router4ai.support.PostgresTest;
import app.router4ai.support.RouterTest;
import app.router4ai.support.TcpProxy;
import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database stops answering (a proxy between the router and PostgreSQL forwards nothing, connections stay
 * open): every request that needs it is answered 503 with Retry-After within the configured bound, in the
 * API's error shape; chat with a known key keeps serving from memory; liveness, readiness and the overall
 * health stay UP (the database component says DEGRADED); when the database answers again, the rows queued
 * meanwhile land and everything works again.
 */
@PostgresTest
class DatabaseOutageTest extends RouterTest {

    static final TcpProxy PROXY = startedProxy();
    static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postgresThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/"
                + URI.create(PostgresAvailable.URL.substring("jdbc:".length())).getPath().substring(1)
                + "?currentSchema=" + PostgresAvailable.SCHEMA);
        registry.add("spring.datasource.username", () -> PostgresAvailable.USER);
        registry.add("spring.flyway.schemas", () -> PostgresAvailable.SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("router.database.timeout", () -> "2s");
        registry.add("router.database.retry-after", () -> "3s");
        registry.add("router.database.check-interval", () -> "500ms");
        registry.add("router.ledger.flush-interval", () -> "50ms");
    }

    @AfterEach
    void databaseBack() {
        PROXY.resume();
    }

    @Test
    void aStalledDatabaseIsA503WithRetryAfterWhileChatWithAKnownKeyKeepsServing() {
        TenantKey known = newTenantKey();
        assertThat(chat(known.key(), HELLO).statusCode()).isEqualTo(200);   // the key is now verified in memory
        TenantKey unused = newTenantKey();
        DashboardSession dashboard = new DashboardSession(baseUrl()).signUp("Stalled Co", "ops@stalled.test", "a-long-password-1");
        assertThat(dashboard.get("/app/keys").statusCode()).isEqualTo(200);
        long rowsBefore = rows(known.tenantId());

        try (LogCapture logs = new LogCapture()) {
            PROXY.stall();

            assertThat(chat(known.key(), HELLO).statusCode()).isEqualTo(200);
            assertThat(chat(known.key(), HELLO.replace("}]}", "}],\"stream\":true}")).statusCode()).isEqualTo(200);

            assertUnavailable(send("GET", "/admin/v1/tenants/" + known.tenantId() + "/keys", "Bearer " + ADMIN_TOKEN, null));
            assertUnavailable(send("POST", "/admin/v1/tenants", "Bearer " + ADMIN_TOKEN, "{\"name\":\"Late\",\"email\":\"late@acme.test\"}"));
            assertUnavailable(send("GET", "/v1/usage", "Bearer " + known.key(), null));
            assertUnavailable(chat(unused.key(), HELLO));   // a key's first use looks it up

            HttpResponse<String> page = dashboard.get("/app/keys");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("retry-after")).contains("3");
            assertThat(page.body()).contains("Temporarily unavailable").contains("database is not answering");

            HttpResponse<String> messages = send("POST", "/v1/messages", null,
                    "{\"model\":\"gpt-4o-mini\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                    "x-api-key", unused.key(), "anthropic-version", "2023-06-01");
            assertThat(messages.statusCode()).as(messages.body()).isEqualTo(529);   // Anthropic's "overloaded, retry"
            assertThat(messages.headers().firstValue("retry-after")).contains("3");
            JsonNode anthropic = readJson(messages.body());
            assertThat(anthropic.path("type").asText()).isEqualTo("error");
            assertThat(anthropic.path("error").path("type").asText()).isEqualTo("overloaded_error");

            assertThat(send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
            Awaitility.await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> {
                HttpResponse<String> health = send("GET", "/actuator/health", null, null);
                assertThat(health.statusCode()).isEqualTo(200);
                JsonNode body = readJson(health.body());
                assertThat(body.path("status").asText()).isEqualTo("UP");
                assertThat(body.at("/components/database/status").asText()).isEqualTo("DEGRADED");
            });

            // No ERROR, no stack trace of ours (Hikari says once per broken connection why it dropped it).
            assertThat(logs.events()).noneMatch(e -> e.getLevel() == Level.ERROR);
            assertThat(logs.events()).filteredOn(e -> !e.getLoggerName().startsWith("com.zaxxer.hikari"))
                    .noneMatch(e -> e.getThrowableProxy() != null);
        } finally {
            PROXY.resume();
        }

        // Back: the rows of the calls made during the stall land, the admin API and the unused key work again.
        Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> rowsOrMinusOne(known.tenantId()) == rowsBefore + 2);
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> chat(unused.key(), HELLO).statusCode() == 200);
        admin("GET", "/admin/v1/tenants/" + known.tenantId() + "/keys", null, 200);
        assertThat(dashboard.get("/app/keys").statusCode()).isEqualTo(200);
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
                readJson(send("GET", "/actuator/health", null, null).body()).at("/components/database/status").asText().equals("UP"));
    }

    private void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).contains("3");
        JsonNode error = readJson(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("database_unavailable");
        assertThat(error.path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("message").asText()).isNotBlank();
    }

    private long rows(String tenantId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM usage_records WHERE tenant_id = ?", Long.class, tenantId);
    }

    private long rowsOrMinusOne(String tenantId) {
        try {
            return rows(tenantId);
        } catch (RuntimeException stillAway) {
            return -1;
        }
    }

    private static TcpProxy startedProxy() {
        URI postgres = URI.create(PostgresAvailable.URL.substring("jdbc:".length()));
        TcpProxy proxy = new TcpProxy(postgres.getHost(), postgres.getPort() < 0 ? 5432 : postgres.getPort());
        try {
            proxy.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return proxy;
    }
}
