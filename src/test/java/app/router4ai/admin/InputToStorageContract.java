package app.router4ai.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.LogCapture;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Client input that would reach the database: admin names and emails, and the dates of the usage
 * reports. Whatever the database would choke on is a 400 naming the field, with nothing written and
 * no ERROR log line; run on each database.
 */
public abstract class InputToStorageContract extends RouterTest {

    @Autowired
    JdbcTemplate jdbc;

    TenantKey tenant;

    @BeforeEach
    void tenant() {
        tenant = newTenantKey();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a NUL in the name          | name  | '{\"name\":\"Ac\\u0000me\",\"email\":\"ops@acme.test\"}'",
            "a line break in the name   | name  | '{\"name\":\"Ac\\nme\",\"email\":\"ops@acme.test\"}'",
            "a lone surrogate name      | name  | '{\"name\":\"Ac\\ud800me\",\"email\":\"ops@acme.test\"}'",
            "a name of 201 characters   | name  | '{\"name\":\"NAME201\",\"email\":\"ops@acme.test\"}'",
            "a name that is a number    | name  | '{\"name\":42,\"email\":\"ops@acme.test\"}'",
            "a NUL in the email         | email | '{\"name\":\"Acme\",\"email\":\"ops\\u0000@acme.test\"}'",
            "an email of 321 characters | email | '{\"name\":\"Acme\",\"email\":\"EMAIL321\"}'",
    })
    void aTenantTheDatabaseWouldRefuseIs400NamingTheField(String what, String field, String body) {
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM tenants", Integer.class);
        try (LogCapture log = new LogCapture()) {
            HttpResponse<String> response = send("POST", "/admin/v1/tenants", "Bearer " + ADMIN_TOKEN, expand(body));

            assertBadField(response, field);
            assertThat(log.loud()).isEmpty();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tenants", Integer.class)).isEqualTo(before);
    }

    @Test
    void theLongestNameAndEmailTheColumnsHoldAreStoredWhole() {
        JsonNode created = admin("POST", "/admin/v1/tenants", expand("{\"name\":\"NAME200\",\"email\":\"EMAIL320\"}"), 201);
        assertThat(created.get("name").asText()).hasSize(200);
        assertThat(created.get("email").asText()).hasSize(320);
        JsonNode key = admin("POST", "/admin/v1/tenants/" + created.get("id").asText() + "/keys", expand("{\"name\":\"NAME200\"}"), 201);
        assertThat(key.get("name").asText()).hasSize(200);
        // no name: the default one
        assertThat(admin("POST", "/admin/v1/tenants/" + created.get("id").asText() + "/keys", "{}", 201).get("name").asText())
                .isEqualTo("default");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an object                 | '{\"name\":{\"first\":\"ci\"}}'",
            "a list                    | '{\"name\":[\"ci\"]}'",
            "a number                  | '{\"name\":7}'",
            "201 characters            | '{\"name\":\"NAME201\"}'",
            "a NUL                     | '{\"name\":\"c\\u0000i\"}'",
            "a control character       | '{\"name\":\"c\\u001bi\"}'",
    })
    void aKeyNameTheDatabaseWouldRefuseOrMangleIs400(String what, String body) {
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM api_keys WHERE tenant_id = ?", Integer.class, tenant.tenantId());
        try (LogCapture log = new LogCapture()) {
            HttpResponse<String> response = send("POST", "/admin/v1/tenants/" + tenant.tenantId() + "/keys",
                    "Bearer " + ADMIN_TOKEN, expand(body));

            assertBadField(response, "name");
            assertThat(log.loud()).isEmpty();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_keys WHERE tenant_id = ?", Integer.class, tenant.tenantId()))
                .isEqualTo(before);
    }

    @Test
    void contentAfterTheJsonObjectIsRefusedByTheAdminApiToo() {
        HttpResponse<String> response = send("POST", "/admin/v1/tenants", "Bearer " + ADMIN_TOKEN,
                "{\"name\":\"Acme\",\"email\":\"ops@acme.test\"} {\"name\":\"Evil\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(readJson(response.body()).at("/error/message").asText()).contains("after the JSON object");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "to,   +999999999-12-31",
            "from, +300000-01-01",
            "from, -999999999-01-01",
            "to,   +10000-01-01",
            "from, 0000-12-31",
    })
    void aDateOutsideTheCalendarTheDatabasesKeepIs400(String param, String date) {
        String query = param + "=" + date.replace("+", "%2B");
        try (LogCapture log = new LogCapture()) {
            for (HttpResponse<String> response : new HttpResponse[] {
                    send("GET", "/v1/usage?" + query, "Bearer " + tenant.key(), null),
                    send("GET", "/admin/v1/tenants/" + tenant.tenantId() + "/usage?" + query, "Bearer " + ADMIN_TOKEN, null)}) {
                assertBadField(response, param);
                assertThat(readJson(response.body()).at("/error/message").asText()).contains("0001-01-01").contains("9999-12-31");
            }
            assertThat(log.loud()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"9999-12-01, 9999-12-31", "0001-01-01, 0001-01-31"})
    void theFirstAndLastDaysOfThatCalendarAreServed(String from, String to) {
        HttpResponse<String> response = send("GET", "/v1/usage?from=" + from + "&to=" + to, "Bearer " + tenant.key(), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = readJson(response.body());
        assertThat(report.at("/total/requests").asLong()).isZero();
        assertThat(report.get("by_day")).hasSize(31);
    }

    private static void assertBadField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = readJson(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo(field);
        assertThat(error.get("message").asText()).contains(field);
    }

    /** NAMEn and EMAILn stand for a name or an email address of exactly n characters. */
    private static String expand(String body) {
        for (int n : new int[] {200, 201}) {
            body = body.replace("NAME" + n, "n".repeat(n));
        }
        for (int n : new int[] {320, 321}) {
            String domain = "@example.test";
            body = body.replace("EMAIL" + n, "e".repeat(n - domain.length()) + domain);
        }
        return body;
    }
}
