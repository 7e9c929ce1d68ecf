package app.router4ai.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.router4ai.auth.ApiKeyFormat;
import app.router4ai.auth.ApiKeyService;
import app.router4ai.support.Browser;
import app.router4ai.support.BrowserTest;
import app.router4ai.support.RouterTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard as a person uses it, in headless Chromium: sign up, create a key and copy it from the
 * page, call the router with it through the OpenAI Java client, find that request on the Usage page,
 * rotate (the old key then gets 401), revoke. A second tenant gets 404 for the first one's keys.
 * Screenshots of every page land in target/screenshots/.
 */
@BrowserTest
class DashboardBrowserTest extends RouterTest {

    private static final String PASSWORD = "a long enough passphrase";

    @Autowired
    ApiKeyService keys;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(String path) {
        browser.get(baseUrl() + path);
    }

    private WebElement element(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void signUp(String workspace, String email) {
        open("/signup");
        element("#workspace").sendKeys(workspace);
        element("#email").sendKeys(email);
        element("#password").sendKeys(PASSWORD);
        element("#create-account").click();
        wait.until(ExpectedConditions.urlContains("/app/keys"));
    }

    /** Creates a key on the API Keys page; returns the full key as the page shows it (what "Copy key" copies). */
    private String createKey(String name) {
        open("/app/keys");
        element("#key-name").sendKeys(name);
        element("#create-key").click();
        element("#new-key-panel");
        element("#copy-new-key").click();
        return element("#new-key").getText().trim();
    }

    private static String keyId(String fullKey) {
        return ApiKeyFormat.parse(fullKey).id();
    }

    private WebElement keyRow(String keyId) {
        return element("tr[data-key-id='" + keyId + "']");
    }

    @Test
    void signUpCreateCopyCallSeeUsageRotateRevoke() {
        open("/login");
        Browser.screenshot(browser, "01-login");
        open("/signup");
        Browser.screenshot(browser, "02-signup");
        signUp("Acme Robotics", "dev-" + UUID.randomUUID() + "@acme.test");
        assertThat(element("#keys-empty").getText()).contains("No API keys yet");
        Browser.screenshot(browser, "03-keys-empty");

        String key = createKey("e2e backend");
        assertThat(key).startsWith("ram_live_");
        assertThat(element("#new-key-panel").getText()).contains("only time the full key is shown");
        assertThat(keyRow(keyId(key)).getText()).contains("e2e backend").contains("Active").contains("Never");
        Browser.screenshot(browser, "04-key-created");
        // Shown once: the next view of the page no longer has it.
        open("/app/keys");
        assertThat(browser.findElements(By.id("new-key"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(key);

        // The copied key works with the OpenAI Java client.
        ChatCompletion completion = openAi(key).chat().completions()
                .create(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Hello").build());
        JsonNode ram = completion._additionalProperties().get("_ram").convert(JsonNode.class);
        String requestId = ram.get("request_id").asText();

        // The Usage page lists it with its _ram fields once the request log and the ledger have written it.
        open("/app/usage");
        new WebDriverWait(browser, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(500)).until(driver -> {
            if (!driver.findElements(By.cssSelector("tr[data-request-id='" + requestId + "']")).isEmpty()
                    && "1".equals(driver.findElement(By.id("total-requests")).getText())) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
        WebElement row = element("tr[data-request-id='" + requestId + "']");
        assertThat(row.findElement(By.cssSelector(".request-id")).getText()).isEqualTo(requestId);
        assertThat(field(row, "tier")).isEqualTo(ram.get("tier").asText());
        assertThat(field(row, "provider_used")).isEqualTo(ram.get("provider_used").asText());
        assertThat(field(row, "failover_count")).isEqualTo(ram.get("failover_count").asText());
        assertThat(field(row, "latency_ms")).isEqualTo(ram.get("latency_ms").asLong() + " ms");
        // Dollars, as in every other table of the page; the exact _ram cents on the cell.
        BigDecimal cents = ram.get("cost_billed_cents_usd").decimalValue();
        assertThat(field(row, "cost_billed_cents_usd"))
                .isEqualTo("$" + cents.movePointLeft(2).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        assertThat(row.findElement(By.cssSelector("[data-field='cost_billed_cents_usd']")).getDomAttribute("data-cents"))
                .isEqualTo(cents.stripTrailingZeros().toPlainString());
        assertThat(field(row, "cache_hit")).isEqualTo(ram.get("cache_hit").asBoolean() ? "yes" : "no");
        assertThat(field(row, "tokens")).isEqualTo("32");
        assertThat(element("#total-requests").getText()).isEqualTo("1");
        assertThat(element("#by-model").getText()).contains("gpt-4o-mini");
        wait.until(ExpectedConditions.attributeToBe(By.id("usage-chart"), "data-rendered", "true"));
        Browser.screenshot(browser, "05-usage");
        Number overflow = (Number) browser.executeScript(
                "const wrap = document.getElementById('recent-requests').parentElement; return wrap.scrollWidth - wrap.clientWidth;");
        assertThat(overflow.intValue()).as("the recent-requests table fits its card at 1280 px").isLessThanOrEqualTo(0);

        open("/app/quickstart");
        assertThat(element("#base-url").getText()).isEqualTo(baseUrl() + "/v1");
        assertThat(element("#snippet-python").getText()).contains("base_url=\"" + baseUrl() + "/v1\"");
        assertThat(element("#snippet-curl").getText()).contains("curl " + baseUrl() + "/v1/chat/completions");
        Browser.screenshot(browser, "06-quickstart");

        // Rotate: a new key, shown once; the old one is refused at once.
        open("/app/keys");
        keyRow(keyId(key)).findElement(By.linkText("Rotate")).click();
        assertThat(element("h1").getText()).contains("Rotate");
        Browser.screenshot(browser, "07-rotate-confirm");
        element("#confirm-rotate").click();
        String rotated = element("#new-key").getText().trim();
        assertThat(rotated).startsWith("ram_live_").isNotEqualTo(key);
        assertThat(element("#new-key-panel").getText()).contains("old key has been revoked");
        assertThat(keyRow(keyId(key)).getText()).contains("Revoked");
        assertThat(keyRow(keyId(rotated)).getText()).contains("e2e backend").contains("Active");
        Browser.screenshot(browser, "08-rotated");
        assertThatThrownBy(() -> openAi(key).chat().completions()
                .create(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Hi").build()))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(chat(rotated, "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .statusCode()).isEqualTo(200);

        // Revoke, after a confirmation.
        keyRow(keyId(rotated)).findElement(By.linkText("Revoke")).click();
        assertThat(element(".card-danger").getText()).contains("stops working immediately");
        Browser.screenshot(browser, "09-revoke-confirm");
        element("#confirm-revoke").click();
        assertThat(element("#notice").getText()).contains("Revoked");
        assertThat(keyRow(keyId(rotated)).getText()).contains("Revoked");
        assertThat(keyRow(keyId(rotated)).findElements(By.linkText("Revoke"))).isEmpty();
        Browser.screenshot(browser, "10-revoked");
        assertThat(chat(rotated, "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .statusCode()).isEqualTo(401);

        // At phone width.
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/app/keys");
        Browser.screenshot(browser, "11-keys-phone");
        open("/app/usage");
        Browser.screenshot(browser, "12-usage-phone");
    }

    @Test
    void aSecondTenantGets404ForTheFirstOnesKeys() {
        String firstEmail = "first-" + UUID.randomUUID() + "@acme.test";
        signUp("First Co", firstEmail);
        String firstKey = createKey("first-production");
        String firstKeyId = keyId(firstKey);
        element("#sign-out").click();
        wait.until(ExpectedConditions.urlContains("/login"));

        signUp("Second Co", "second-" + UUID.randomUUID() + "@acme.test");
        open("/app/usage");
        assertThat(element("#usage-empty").getText()).contains("No usage in this period yet");
        assertThat(element("#recent-empty").getText()).contains("No requests yet");
        Browser.screenshot(browser, "13-usage-empty");
        open("/app/keys");
        assertThat(browser.getPageSource()).doesNotContain(firstKeyId).doesNotContain("first-production");

        // Direct URL.
        open("/app/keys/" + firstKeyId + "/revoke");
        assertThat(element("#not-found").getText()).contains("There’s nothing here");
        assertThat(browser.getPageSource()).doesNotContain("first-production");
        Browser.screenshot(browser, "14-other-tenant-404");
        open("/app/keys/" + firstKeyId + "/rotate");
        assertThat(element("#not-found").getText()).contains("There’s nothing here");

        // Form tampering: the second tenant's own, valid revoke form, pointed at the first tenant's key.
        String ownKey = createKey("second-own");
        open("/app/keys/" + keyId(ownKey) + "/revoke");
        WebElement form = element("form[action$='/revoke']");
        browser.executeScript("arguments[0].setAttribute('action', arguments[1])", form,
                "/app/keys/" + firstKeyId + "/revoke");
        element("#confirm-revoke").click();
        assertThat(element("#not-found").getText()).contains("There’s nothing here");
        assertThat(keys.find(firstKeyId).orElseThrow().revoked()).isFalse();
        assertThat(keys.find(keyId(ownKey)).orElseThrow().revoked()).isFalse();

        // The first tenant signs back in and finds its key untouched and working.
        element("#sign-out").click();
        wait.until(ExpectedConditions.urlContains("/login"));
        element("#email").sendKeys(firstEmail);
        element("#password").sendKeys(PASSWORD);
        element("#sign-in").click();
        wait.until(ExpectedConditions.urlContains("/app/keys"));
        assertThat(keyRow(firstKeyId).getText()).contains("first-production").contains("Active");
        assertThat(chat(firstKey, "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void billingWithoutStripeExplainsUpgradesAreUnavailableAndKeepsTheTrial() {
        signUp("No Stripe Co", "nostripe-" + UUID.randomUUID() + "@acme.test");
        // The product page's "upgrade at /billing" lands on the Billing page.
        open("/billing");
        wait.until(ExpectedConditions.urlToBe(baseUrl() + "/app/billing"));
        assertThat(element("nav a[aria-current='page']").getText()).isEqualTo("Billing");
        assertThat(element("#billing-not-configured").getText()).contains("Upgrades are unavailable on this router");
        assertThat(element("#plan-name").getText()).isEqualTo("Trial");
        assertThat(element("#trial-tokens-left").getText()).isEqualTo("1,000,000 of 1,000,000");
        assertThat(element("#trial-days-left").getText()).isEqualTo("14 of 14");
        assertThat(element("[data-plan='pro']").getText()).contains("$49").contains("Not available on this router");
        assertThat(element("[data-plan='business']").getText()).contains("$499");
        assertThat(browser.findElements(By.cssSelector("[id^='upgrade-'], #manage-billing"))).isEmpty();
        // A stray return from Checkout cannot thank anyone for a payment this router cannot take.
        open("/billing?checkout=success");
        wait.until(ExpectedConditions.urlToBe(baseUrl() + "/app/billing?checkout=success"));
        assertThat(browser.findElements(By.id("checkout-notice"))).isEmpty();
        Browser.screenshot(browser, "15-billing-not-configured");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/app/billing");
        element("#billing-not-configured");
        Browser.screenshot(browser, "16-billing-not-configured-phone");
    }

    private static String field(WebElement row, String name) {
        return row.findElement(By.cssSelector("[data-field='" + name + "']")).getText().trim();
    }
}
