package app.router4ai.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.auth.ApiKeyFormat;
import app.router4ai.fake.FakeProvider;
import app.router4ai.fake.FakeResponse;
import app.router4ai.fake.OpenAiFixtures;
import app.router4ai.provider.ProviderHealth;
import app.router4ai.support.Browser;
import app.router4ai.support.BrowserTest;
import app.router4ai.support.RouterTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Usage page's request log as an operator uses it, in headless Chromium: requests from two keys (one answered
 * at once, one after a failover, one from the cache, one refused by the provider as the request's own fault) are
 * found with the filters (key, model, provider, status, failed over, cache hit), and a failed-over request's detail
 * shows each attempt with its outcome and latency, its {@code _ram} and its trace id. Screenshots in
 * target/screenshots/.
 */
@BrowserTest
class RequestLogBrowserTest extends RouterTest {

    private static final FakeProvider DEEPSEEK = new FakeProvider(RouterTest::defaultAnswer);
    private static final String DETERMINISTIC =
            "{\"model\":\"gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"cache me\"}]}";

    @Autowired
    ProviderHealth health;

    ChromeDriver browser;
    WebDriverWait wait;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("router.providers.deepseek.base-url", () -> DEEPSEEK.url() + "/v1");
    }

    @BeforeEach
    void openBrowser() {
        DEEPSEEK.reset(RouterTest::defaultAnswer);
        health.reset();
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theRequestLogIsSearchedByItsFiltersAndARequestOpensWithItsAttempts() {
        open("/signup");
        element("#workspace").sendKeys("Log Co");
        element("#email").sendKeys("ops-" + UUID.randomUUID() + "@log.test");
        element("#password").sendKeys("a long enough passphrase");
        element("#create-account").click();
        wait.until(ExpectedConditions.urlContains("/app/keys"));
        String backend = createKey("backend");
        String batch = createKey("batch");

        String plain = requestId(chat(backend, "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body());
        // A 503 is retried once on the same provider, then the request fails over.
        OPENAI.enqueue(FakeResponse.json(503, OpenAiFixtures.error("upstream trouble", "server_error", null, null)));
        OPENAI.enqueue(FakeResponse.json(503, OpenAiFixtures.error("upstream trouble", "server_error", null, null)));
        String failedOver = requestId(chat(backend, "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"again\"}]}").body());
        String first = requestId(chat(batch, DETERMINISTIC).body());
        String cached = requestId(chat(batch, DETERMINISTIC).body());
        OPENAI.enqueue(FakeResponse.json(400, OpenAiFixtures.error("bad messages", "invalid_request_error", "messages", null)));
        var refusedResponse = chat(batch, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"no\"}]}");
        assertThat(refusedResponse.statusCode()).isEqualTo(400);
        String refused = refusedResponse.headers().firstValue("x-request-id").orElseThrow();

        open("/app/usage");
        new WebDriverWait(browser, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(500)).until(driver -> {
            if (driver.findElements(By.cssSelector("#recent-requests tbody tr")).size() == 5) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
        assertThat(rows()).containsExactly(refused, cached, first, failedOver, plain);
        assertThat(field(refused, "status")).isEqualTo("400");
        assertThat(field(failedOver, "provider_used")).isEqualTo("deepseek");
        assertThat(field(failedOver, "failover_count")).isEqualTo("1");
        assertThat(field(cached, "cache_hit")).isEqualTo("yes");
        Path screenshot = Browser.screenshot(browser, "30-request-log");
        assertThat(screenshot).exists();

        search(form -> element("#filter-failed-over").click());
        assertThat(rows()).containsExactly(failedOver);
        Browser.screenshot(browser, "31-request-log-failed-over");

        search(form -> new Select(element("#filter-provider")).selectByVisibleText("deepseek"));
        assertThat(rows()).containsExactly(failedOver);

        search(form -> new Select(element("#filter-status")).selectByValue("error"));
        assertThat(rows()).containsExactly(refused);

        search(form -> new Select(element("#filter-cache")).selectByValue("hit"));
        assertThat(rows()).containsExactly(cached);

        search(form -> new Select(element("#filter-key")).selectByValue(ApiKeyFormat.parse(batch).id()));
        assertThat(rows()).containsExactly(refused, cached, first);

        search(form -> element("#filter-model").sendKeys("gpt-4o"));
        assertThat(rows()).containsExactly(refused);

        search(form -> {
            element("#filter-model").sendKeys("no-such-model");
        });
        assertThat(element("#log-no-match").getText()).contains("No request matches");

        // A failed-over request, opened: every attempt, in order, with outcome and latency; its _ram; no trace (off).
        open("/app/usage");
        element("tr[data-request-id='" + failedOver + "'] a").click();
        wait.until(ExpectedConditions.urlContains("/app/usage/requests/" + failedOver));
        List<WebElement> attempts = browser.findElements(By.cssSelector("#attempts tbody tr"));
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).getDomAttribute("data-outcome")).isEqualTo("retried");
        assertThat(attempts.get(1).getDomAttribute("data-outcome")).isEqualTo("failed");
        assertThat(attempts.get(1).getText()).contains("openai").contains("gpt-4o-mini").contains("ms").contains("HTTP 503");
        assertThat(attempts.get(2).getDomAttribute("data-outcome")).isEqualTo("answered");
        assertThat(attempts.get(2).getText()).contains("deepseek");
        assertThat(element("#detail-ram").getText()).contains("\"failover_count\" : 1").contains("\"request_id\" : \"" + failedOver + "\"");
        assertThat(element("#detail-trace-id").getText()).isEqualTo("not traced");
        assertThat(element("#detail-status").getText()).isEqualTo("200");
        Browser.screenshot(browser, "32-request-detail");

        // Another tenant's request id is not found.
        open("/app/usage/requests/" + UUID.randomUUID());
        assertThat(element("#not-found").getText()).contains("There’s nothing here");
    }

    private void search(java.util.function.Consumer<WebElement> narrow) {
        open("/app/usage");
        WebElement form = element("#log-filters");
        narrow.accept(form);
        element("#apply-filters").click();
        wait.until(ExpectedConditions.urlContains("key="));
    }

    private List<String> rows() {
        return browser.findElements(By.cssSelector("#recent-requests tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-request-id")).toList();
    }

    private String field(String requestId, String name) {
        return element("tr[data-request-id='" + requestId + "'] [data-field='" + name + "']").getText();
    }

    private String createKey(String name) {
        open("/app/keys");
        element("#key-name").sendKeys(name);
        element("#create-key").click();
        element("#new-key-panel");
        return element("#new-key").getText().trim();
    }

    private static String requestId(String body) {
        return readJson(body).at("/_ram/request_id").asText();
    }

    private void open(String path) {
        browser.get(baseUrl() + path);
    }

    private WebElement element(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }
}
