package app.router4ai.routing.failover;

import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.support.RouterTest;
import app.router4ai.support.RoutingFileCopy;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The router of the failover tests: OpenAI (fake) first, DeepSeek and Anthropic (fakes of their own) behind it, and
 * the routing file {@code failover-policy-models.yaml} (the production policy with short timeouts) in a copy the
 * tests edit. The test classes share one application context.
 */
@AutoConfigureObservability(tracing = false)
abstract class FailoverFakes extends RouterTest {

    static final FakeProvider DEEPSEEK = new FakeProvider(RouterTest::defaultAnswer);
    static final FakeProvider ANTHROPIC = new FakeProvider(r -> FakeResponse.json(500, "{}"));
    static final RoutingFileCopy CATALOG = new RoutingFileCopy("/failover-policy-models.yaml");

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("router.catalog.location", () -> "file:" + CATALOG.path());
        registry.add("router.catalog.watch-interval", () -> "300ms");
        registry.add("router.providers.deepseek.base-url", () -> DEEPSEEK.url() + "/v1");
        registry.add("router.providers.anthropic.base-url", () -> ANTHROPIC.url());
        registry.add("router.providers.anthropic.api-key", () -> "sk-ant-test");
    }
}
