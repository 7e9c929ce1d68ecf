package app.router4ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.AllProvidersTest;
import app.router4ai.support.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a client may put in a chat request: numbers no double holds, parameters outside OpenAI's
 * published ranges, a {@code tools} that is not a list of tools, content after the JSON object, a
 * media type that only starts like JSON. Each is a 400 (415 for the media type) naming what is wrong,
 * before any provider is called, whichever provider the model would go to, and never an ERROR log line.
 */
class ChatParameterCheckTest extends AllProvidersTest {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    private TenantKey tenant;

    @BeforeEach
    void tenant() {
        tenant = newTenantKey();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "max_tokens            | 1e999",
            "max_tokens            | 0",
            "max_tokens            | -5",
            "max_tokens            | 2.5",
            "max_tokens            | 1e12",
            "max_tokens            | '\"100\"'",
            "max_completion_tokens | 1e999",
            "max_completion_tokens | 0",
            "temperature           | 1e999",
            "temperature           | -1e999",
            "temperature           | 2.01",
            "temperature           | -0.1",
            "temperature           | '\"hot\"'",
            "top_p                 | -1e999",
            "top_p                 | 1.5",
            "top_p                 | -0.01",
            "n                     | 0",
            "n                     | 129",
            "n                     | 1.5",
            "presence_penalty      | 2.5",
            "presence_penalty      | -1e999",
            "frequency_penalty     | -2.5",
            "top_logprobs          | 21",
            "top_logprobs          | -1",
            "logprobs              | '\"yes\"'",
            "seed                  | 1e999",
            "seed                  | 1e30",
            "stop                  | 42",
            "stop                  | '[\"a\", 1]'",
            "tools                 | '\"get_weather\"'",
            "tools                 | '{\"type\":\"function\"}'",
            "tools                 | '[\"get_weather\"]'",
            "tools                 | '[{\"type\":\"function\"}]'",
            "tools                 | '[{\"type\":\"function\",\"function\":{\"name\":\"\"}}]'",
            "tools                 | '[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"{}\"}}]'",
            "tools                 | '[{\"type\":7,\"function\":{\"name\":\"f\"}}]'",
    })
    void anOutOfRangeOrMistypedParameterIs400NamingItForEveryProvider(String param, String value) {
        for (String model : new String[] {"gpt-4o-mini", "claude-sonnet-4-6", "gemini-1.5-pro"}) {
            try (LogCapture log = new LogCapture()) {
                HttpResponse<String> response = chat(tenant.key(),
                        "{\"model\":\"" + model + "\"," + MESSAGES + ",\"" + param + "\":" + value + "}");

                assertThat(response.statusCode()).as(model + " " + response.body()).isEqualTo(400);
                JsonNode error = readJson(response.body()).get("error");
                assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
                assertThat(error.get("param").asText()).as(response.body()).startsWith(param);
                assertThat(error.get("message").asText()).contains(param);
                assertThat(log.loud()).isEmpty();
            }
        }
        assertThat(OPENAI.received()).isEmpty();
        assertThat(ANTHROPIC.received()).isEmpty();
        assertThat(GEMINI.received()).isEmpty();
    }

    @Test
    void theEdgesOfEachRangeAreAccepted() {
        String body = "{\"model\":\"gpt-4o-mini\"," + MESSAGES + ",\"temperature\":2,\"top_p\":0,\"n\":1,"
                + "\"presence_penalty\":-2,\"frequency_penalty\":2.0,\"max_tokens\":1,\"max_completion_tokens\":2147483647,"
                + "\"top_logprobs\":20,\"logprobs\":true,\"seed\":-9223372036854775808,\"stop\":[\"\\n\"],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
                + "\"temperature_unknown_to_us\":1e5,\"metadata\":null,\"user\":null}";
        HttpResponse<String> response = chat(tenant.key(), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(OPENAI.received()).hasSize(1);   // (max_completion_tokens lowered to the model's own limit on the way)
        // null means "the default" for every optional parameter
        assertThat(chat(tenant.key(), "{\"model\":\"gpt-4o-mini\"," + MESSAGES + ",\"temperature\":null,\"max_tokens\":null,"
                + "\"n\":null,\"top_p\":null,\"tools\":null,\"stop\":null}").statusCode()).isEqualTo(200);
        // an integral number written with an exponent or a fraction is still that integer
        assertThat(chat(tenant.key(), "{\"model\":\"gpt-4o-mini\"," + MESSAGES + ",\"max_tokens\":1e3,\"n\":1.0}")
                .statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata", "logit_bias"})
    void aNumberNoDoubleHoldsIs400WhereverItIs(String field) {
        HttpResponse<String> response = chat(tenant.key(),
                "{\"model\":\"gpt-4o-mini\"," + MESSAGES + ",\"" + field + "\":{\"x\":[1, -1e999]}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(readJson(response.body()).at("/error/param").asText()).isEqualTo(field + ".x[1]");
        assertThat(OPENAI.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {" garbage", "{}", ",", "]", " {\"model\":\"x\"}"})
    void contentAfterTheJsonObjectIs400(String trailing) {
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"gpt-4o-mini\"," + MESSAGES + "}" + trailing);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(readJson(response.body()).at("/error/message").asText()).contains("after the JSON object");
        assertThat(OPENAI.received()).isEmpty();
        // trailing whitespace is fine
        assertThat(chat(tenant.key(), "{\"model\":\"gpt-4o-mini\"," + MESSAGES + "}\r\n\t ").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/jsonp", "application/json-patch", "application/jsonl", "text/x+jsonp"})
    void aMediaTypeThatOnlyStartsLikeJsonIs415(String type) {
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"gpt-4o-mini\"," + MESSAGES + "}", "Content-Type", type);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(readJson(response.body()).at("/error/code").asText()).isEqualTo("unsupported_media_type");
        assertThat(OPENAI.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON;charset=UTF-8",
            "application/vnd.api+json", "application/merge-patch+json ; q=1"})
    void jsonMediaTypesAreAccepted(String type) {
        HttpResponse<String> response = chat(tenant.key(), "{\"model\":\"gpt-4o-mini\"," + MESSAGES + "}", "Content-Type", type);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
