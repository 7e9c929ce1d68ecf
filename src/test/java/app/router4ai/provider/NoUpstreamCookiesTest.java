package app.router4ai.provider;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.support.RouterTest;
import org.junit.jupiter.api.Test;

/**
 * The router's upstream HTTP client is shared by every tenant: it must keep no cookies. A provider's
 * Set-Cookie on one tenant's answer (a load balancer's affinity cookie, a session) never goes back
 * upstream, on that tenant's next request or anyone else's.
 */
class NoUpstreamCookiesTest extends RouterTest {

    private static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @Test
    void aProvidersCookieIsNeverSentBackUpstream() {
        TenantKey a = newTenantKey();
        TenantKey b = newTenantKey();
        OPENAI.enqueue(FakeResponse.json(200, OpenAiFixtures.completion("gpt-4o-mini", "For A", 3, 2))
                .withHeader("Set-Cookie", "session=tenant-a-secret; Path=/; Max-Age=3600")
                .withHeader("Set-Cookie2", "affinity=node-7; Path=/"));

        assertThat(chat(a.key(), HELLO).statusCode()).isEqualTo(200);
        assertThat(chat(b.key(), HELLO).statusCode()).isEqualTo(200);
        assertThat(chat(a.key(), HELLO).statusCode()).isEqualTo(200);

        assertThat(OPENAI.received()).hasSize(3).allSatisfy((FakeProvider.Received call) ->
                assertThat(call.headers()).doesNotContainKeys("cookie", "cookie2"));
    }
}
