package app.router4ai.routing.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Where each failover setting comes from: default, provider, tier, model, each key on its own. */
class FailoverSettingsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static FailoverSettings parse(String yaml) throws Exception {
        JsonNode root = YAML.readTree(yaml);
        return FailoverSettings.parse(root, "test.yaml");
    }

    @Test
    void eachLevelOverridesOnlyTheKeysItNames() throws Exception {
        FailoverSettings settings = parse("""
                models:
                  a: {tier: fast, provider: openai, context_window: 128000}
                  b: {tier: premium, provider: anthropic, first_token_timeout_ms: 60000, can_continue: true}
                  c: {tier: fast, provider: anthropic}
                tiers:
                  fast: {strategy: affinity, deadline_ms: 30000}
                providers:
                  default: {retries: 2, idle_timeout_ms: 20000}
                  anthropic: {first_byte_timeout_ms: 25000}
                """);

        FailoverPolicy a = settings.policy("openai", "a");
        assertThat(a.retries()).isEqualTo(2);
        assertThat(a.deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(a.firstTokenTimeout()).isEqualTo(FailoverPolicy.DEFAULT.firstTokenTimeout());
        FailoverPolicy b = settings.policy("anthropic", "b");
        assertThat(b.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.firstByteTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(b.idleTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(b.deadline()).isEqualTo(FailoverPolicy.DEFAULT.deadline());
        assertThat(settings.policy("anthropic", "c").deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.policy("gemini", "unknown")).isEqualTo(settings.policy("default", "unknown"));
        assertThat(settings.contextWindow("a")).isEqualTo(128000);
        assertThat(settings.contextWindow("b")).isZero();
        assertThat(settings.canContinue("b")).isTrue();
        assertThat(settings.canContinue("a")).isFalse();
    }

    @Test
    void aWrongValueNamesItsPlace() {
        assertThatThrownBy(() -> parse("""
                models:
                  a: {tier: fast, provider: openai, idle_timeout_ms: -5}
                """)).hasMessageContaining("model a.idle_timeout_ms");
        assertThatThrownBy(() -> parse("""
                models:
                  a: {tier: fast, provider: openai}
                providers:
                  default: {retries: 99}
                """)).hasMessageContaining("default.retries");
    }

    @Test
    void hedgingIsOffUnlessATierOrModelSaysSoAndAModelOverridesItsTier() throws Exception {
        FailoverSettings settings = parse("""
                models:
                  a: {tier: fast, provider: openai}
                  b: {tier: fast, provider: anthropic, hedge: {after_ms: p95, max_percent: 2}}
                  c: {tier: premium, provider: anthropic}
                tiers:
                  fast: {strategy: affinity, hedge: {after_ms: 800}}
                """);

        assertThat(settings.hedge("a")).isEqualTo(new HedgePolicy(Duration.ofMillis(800), 5));
        assertThat(settings.hedge("b").p95()).isTrue();
        assertThat(settings.hedge("b").maxPercent()).isEqualTo(2);
        assertThat(settings.hedge("c")).isNull();
        assertThat(FailoverSettings.DEFAULT.hedge("a")).isNull();
    }

    @Test
    void aWrongHedgeNamesItsPlace() {
        assertThatThrownBy(() -> parse("""
                tiers:
                  fast: {hedge: {after_ms: soon}}
                """)).hasMessageContaining("tier fast.hedge.after_ms");
        assertThatThrownBy(() -> parse("""
                models:
                  a: {tier: fast, provider: openai, hedge: {after_ms: 500, max_percent: 150}}
                """)).hasMessageContaining("model a.hedge.max_percent");
        assertThatThrownBy(() -> parse("""
                tiers:
                  fast: {hedge: true}
                """)).hasMessageContaining("tier fast.hedge must be a map");
    }
}
