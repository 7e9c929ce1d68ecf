package app.router4ai.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.auth.ApiKeyFormat;
import app.router4ai.support.Browser;
import app.router4ai.support.BrowserTest;
import app.router4ai.support.RouterTest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/**
 * Spend controls as a person uses them, in headless Chromium: set a key's budget and see its bar, be told why a
 * bad value was refused, restrict the key's models, watch the key's requests stop at its budget with the alert on
 * the Keys page, filter the Usage page by key, clear the budget, set the workspace's budget.
 */
@BrowserTest
class DashboardSpendBrowserTest extends RouterTest {

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

    private void type(String css, String text) {
        WebElement field = element(css);
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void setABudgetAndScopesSeeTheKeyStopAtItsBudgetFilterUsageByKeyClearIt() {
        open("/signup");
        element("#workspace").sendKeys("Budgeted");
        element("#email").sendKeys("spend-" + UUID.randomUUID() + "@acme.test");
        element("#password").sendKeys("a long enough passphrase");
        element("#create-account").click();
        wait.until(ExpectedConditions.urlContains("/app/keys"));
        element("#key-name").sendKeys("capped");
        element("#create-key").click();
        String key = element("#new-key").getText().trim();
        String keyId = ApiKeyFormat.parse(key).id();
        open("/app/keys");
        WebElement row = element("tr[data-key-id='" + keyId + "']");
        assertThat(row.getText()).contains("No budget");

        row.findElement(By.linkText("Settings")).click();
        element("#no-budget");
        // A negative limit is refused with a message naming the field; nothing is saved.
        type("#limit-usd", "-5");
        element("#save-budget").click();
        assertThat(element("#budget-error").getText()).contains("'limit_usd' must be a number of US dollars from 0");
        assertThat(browser.findElements(By.id("budget-meter"))).isEmpty();

        type("#limit-usd", "0.00002");
        new Select(element("#period")).selectByValue("day");
        element("#save-budget").click();
        assertThat(element("#notice").getText()).isEqualTo("Saved the budget of “capped”.");
        assertThat(element("#budget-used").getText()).contains("$0.00 of $0.00002").contains("resets");

        type("#models", "gpt-4o-mini, claude-*");
        type("#expires-at", "");
        element("#save-settings").click();
        assertThat(element("#notice").getText()).isEqualTo("Saved the settings of “capped”.");
        assertThat(element("#models").getAttribute("value")).isEqualTo("gpt-4o-mini, claude-*");
        Browser.screenshot(browser, "spend-01-key-settings");

        // The key may not use gpt-4o; gpt-4o-mini works until the budget is spent.
        assertThat(chat(key, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").statusCode())
                .isEqualTo(403);
        String hello = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        assertThat(chat(key, hello).statusCode()).isEqualTo(200);
        new WebDriverWait(browser, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(500))
                .until(driver -> chat(key, hello).statusCode() == 402);
        HttpResponse<String> refused = chat(key, hello);
        assertThat(readJson(refused.body()).at("/error/message").asText()).startsWith("This API key's daily budget is spent");

        open("/app/keys");
        assertThat(element(".budget-alert").getText()).contains("“capped” has spent its daily budget");
        assertThat(element("tr[data-key-id='" + keyId + "'] .spend").getText()).contains("of $0.00002 daily");
        Browser.screenshot(browser, "spend-02-keys-with-budget");

        // The Usage page, filtered to this key: the log and the period's totals.
        open("/app/usage");
        new Select(element("#filter-key")).selectByValue(keyId);
        element("#apply-filters").click();
        wait.until(ExpectedConditions.urlContains("key=" + keyId));
        assertThat(element("#total-requests").getText()).isNotEqualTo("0");
        Browser.screenshot(browser, "spend-03-usage-by-key");

        // Clearing the budget lets the key call again.
        open("/app/keys/" + keyId + "/settings");
        element("#clear-budget").click();
        element("#no-budget");
        assertThat(chat(key, hello).statusCode()).isEqualTo(200);

        // The workspace's budget, from the Keys page.
        open("/app/keys");
        element("#edit-workspace-budget").click();
        type("#limit-tokens", "1000000");
        element("#save-budget").click();
        assertThat(element("#budget-used").getText()).contains("of 1,000,000 tokens");
        open("/app/keys");
        assertThat(element("#workspace-budget").getText()).contains("of 1,000,000 tokens").contains("monthly");
    }
}
