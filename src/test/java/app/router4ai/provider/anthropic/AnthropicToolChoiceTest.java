package app.router4ai.provider.anthropic;

import static app.router4ai.provider.Golden.JSON;
import static app.router4ai.provider.Golden.parse;
import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.provider.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenAI tool_choice and parallel_tool_calls as Anthropic tool_choice. */
class AnthropicToolChoiceTest {

    private final AnthropicToolMapper mapper = new AnthropicToolMapper(JSON);

    @ParameterizedTest(name = "{0} / parallel {1}")
    @CsvSource(delimiter = '|', value = {
            "\"auto\"     | null  | {\"type\":\"auto\"}",
            "\"none\"     | null  | {\"type\":\"none\"}",
            "\"required\" | null  | {\"type\":\"any\"}",
            "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | null | {\"type\":\"tool\",\"name\":\"f\"}",
            "\"required\" | false | {\"type\":\"any\",\"disable_parallel_tool_use\":true}",
            "null         | false | {\"type\":\"auto\",\"disable_parallel_tool_use\":true}",
            "\"none\"     | false | {\"type\":\"none\"}",
            "\"auto\"     | true  | {\"type\":\"auto\"}"})
    void mapsToolChoice(String choice, String parallel, String expected) {
        Golden.assertJson(parse(expected), mapper.toolChoice(parse(choice), parse(parallel)));
    }

    @ParameterizedTest
    @CsvSource({"null, null", "null, true"})
    void leavesTheDefaultAlone(String choice, String parallel) {
        assertThat(mapper.toolChoice(parse(choice), parse(parallel))).isNull();
    }
}
