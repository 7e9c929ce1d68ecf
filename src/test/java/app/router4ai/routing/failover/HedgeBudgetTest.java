package app.router4ai.routing.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The hedge budget and the p95 hedge delay, without a router. */
class HedgeBudgetTest {

    @Test
    void atMostMaxPercentOfRequestsHedgeAndNeverInABurst() {
        HedgeBudget budget = new HedgeBudget();
        HedgePolicy fivePercent = new HedgePolicy(Duration.ofMillis(800), 5);
        long hedged = IntStream.range(0, 1_000).filter(i -> {
            budget.request("m", fivePercent);
            return budget.tryHedge("m");
        }).count();

        assertThat(hedged).as("the first, then one in twenty").isEqualTo(50);
        assertThat(budget.tryHedge("m")).as("spent: no burst").isFalse();
        assertThat(budget.tryHedge("never-requested")).isFalse();
    }

    @Test
    void theP95IsKnownAfterTwentyAnswers() {
        FirstByteTimes times = new FirstByteTimes();
        for (int ms = 1; ms < FirstByteTimes.MIN_SAMPLES; ms++) {
            times.record("d", ms * 10L);
        }
        assertThat(times.p95("d")).isEqualTo(-1);

        times.record("d", 200);
        assertThat(times.p95("d")).isEqualTo(190);
        for (int i = 0; i < FirstByteTimes.SAMPLES; i++) {
            times.record("d", 1_000);
        }
        assertThat(times.p95("d")).as("only the recent answers count").isEqualTo(1_000);
    }
}
