package app.router4ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Splicing a restarted stream onto the text the client already has. */
class ReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void heldBackUntilItGoesPastTheDeliveredTextThenOnlyTheRestPasses() {
        Replay replay = new Replay("Hello there");
        assertThat(replay.take(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null))).isEqualTo(Replay.Step.HOLD);
        assertThat(replay.take(chunk("{\"content\":\"Hello\"}", null))).isEqualTo(Replay.Step.HOLD);
        ObjectNode past = chunk("{\"content\":\" there, friend\"}", null);
        assertThat(replay.take(past)).isEqualTo(Replay.Step.PASS);
        assertThat(past.at("/choices/0/delta/content").asText()).isEqualTo(", friend");
        assertThat(replay.caughtUp()).isTrue();
    }

    @Test
    void anAnswerThatSaysSomethingElseHasDiverged() {
        Replay replay = new Replay("Hello there");
        assertThat(replay.take(chunk("{\"content\":\"Hello\"}", null))).isEqualTo(Replay.Step.HOLD);
        assertThat(replay.take(chunk("{\"content\":\" world\"}", null))).isEqualTo(Replay.Step.DIVERGED);
    }

    @Test
    void finishingBeforeCatchingUpOrCallingAToolHasDiverged() {
        assertThat(new Replay("Hello there").take(chunk("{\"content\":\"Hello\"}", "stop"))).isEqualTo(Replay.Step.DIVERGED);
        assertThat(new Replay("Hello").take(chunk("{\"tool_calls\":[]}", null))).isEqualTo(Replay.Step.DIVERGED);
    }

    @Test
    void anAnswerEndingExactlyWhereTheClientIsFinishesIt() {
        Replay replay = new Replay("Hello");
        ObjectNode last = chunk("{\"content\":\"Hello\"}", "stop");
        assertThat(replay.take(last)).isEqualTo(Replay.Step.PASS);
        assertThat(last.at("/choices/0/delta/content").isMissingNode()).isTrue();
    }

    private static ObjectNode chunk(String delta, String finish) {
        try {
            ObjectNode chunk = (ObjectNode) JSON.readTree("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}");
            if (finish != null) {
                ((ObjectNode) chunk.at("/choices/0")).put("finish_reason", finish);
            }
            return chunk;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
