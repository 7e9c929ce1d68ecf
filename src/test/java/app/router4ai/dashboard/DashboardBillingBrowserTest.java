package app.router4ai.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.billing.BillingRouterTest;
import app.router4ai.fake.FakeStripe;
import app.router4ai.support.Browser;
import app.router4ai.support.BrowserTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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

/**
 * The Billing page in headless Chromium, against a router whose Stripe is {@link FakeStripe}: the trial with its
 * meters, Upgrade to Pro sending the browser to (the fake's) Checkout, coming back through /billing with a notice,
 * then each designed state (trial exhausted, Pro, past due, set to cancel, canceled and inactive) with a
 * screenshot, and Manage billing sending the browser to the (fake) Customer Portal.
 */
@BrowserTest
class DashboardBillingBrowserTest extends BillingRouterTest {

    private static final String PASSWORD = "a long enough passphrase";

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        STRIPE.hostPages(true);
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

    /** Signs up in the browser; returns the new tenant's id. */
    private String signUp(String workspace) {
        String email = "billing-" + UUID.randomUUID() + "@acme.test";
        open("/signup");
        element("#workspace").sendKeys(workspace);
        element("#email").sendKeys(email);
        element("#password").sendKeys(PASSWORD);
        element("#create-account").click();
        wait.until(ExpectedConditions.urlContains("/app/keys"));
        return jdbc.queryForObject("SELECT tenant_id FROM dashboard_users WHERE email = ?", String.class, email);
    }

    private void setBilling(String tenantId, String sql, Object... args) {
        Object[] all = new Object[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = tenantId;
        jdbc.update("UPDATE tenant_billing SET " + sql + " WHERE tenant_id = ?", all);
        balance.refresh(tenantId);
    }

    @Test
    void trialUpgradeThroughCheckoutAndEveryState() {
        String tenantId = signUp("Billing Co");
        element("nav a[href$='/app/billing']").click();
        wait.until(ExpectedConditions.urlToBe(baseUrl() + "/app/billing"));
        assertThat(element("nav a[aria-current='page']").getText()).isEqualTo("Billing");
        assertThat(element("#plan-name").getText()).isEqualTo("Trial");
        assertThat(element("#plan-status").getText()).isEqualTo("Active");
        assertThat(element("#trial-tokens-left").getText()).isEqualTo("1,000,000 of 1,000,000");
        assertThat(element("#trial-days-left").getText()).isEqualTo("14 of 14");
        assertThat(element("#trial-tokens-bar").getAttribute("value")).isEqualTo("1000000");
        assertThat(element("#trial-tokens-bar").getAttribute("max")).isEqualTo("1000000");
        assertThat(element("[data-plan='pro']").getText()).contains("$49").contains("20,000,000").contains("$2.00");
        assertThat(element("[data-plan='business']").getText()).contains("$499").contains("250,000,000").contains("$1.50");
        assertThat(browser.findElements(By.id("billing-not-configured"))).isEmpty();
        assertThat(browser.findElements(By.id("manage-billing"))).isEmpty();
        Browser.screenshot(browser, "20-billing-trial");

        // Upgrade to Pro: the POST answers 303 to the Checkout URL Stripe returned, and the browser goes there.
        element("#upgrade-pro").click();
        wait.until(ExpectedConditions.urlContains("/c/pay/cs_test_"));
        assertThat(browser.getCurrentUrl()).startsWith(STRIPE.url() + "/c/pay/cs_test_");
        assertThat(element("#fake-stripe").getText()).isEqualTo("Fake Stripe Checkout");
        assertThat(STRIPE.received("/v1/checkout/sessions")).singleElement().satisfies(session -> {
            assertThat(session.form()).containsEntry("client_reference_id", tenantId)
                    .containsEntry("metadata[plan]", "pro").containsEntry("line_items[0][price]", "price_pro_base");
        });
        Browser.screenshot(browser, "21-billing-fake-checkout");

        // Checkout's success URL (/billing?checkout=success) lands on the page with a notice.
        open("/billing?checkout=success");
        assertThat(browser.getCurrentUrl()).isEqualTo(baseUrl() + "/app/billing?checkout=success");
        assertThat(element("#checkout-notice").getText()).contains("your payment went through");
        Browser.screenshot(browser, "22-billing-checkout-success");
        open("/billing?checkout=canceled");
        assertThat(element("#checkout-notice").getText()).contains("Checkout canceled").contains("Nothing was charged");

        // At phone width.
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/app/billing");
        element("#upgrade-business");
        Browser.screenshot(browser, "23-billing-trial-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // Trial exhausted: the 402's wording and a clear call to upgrade.
        setBilling(tenantId, "trial_ends_at = ?", Timestamp.from(Instant.now().minusSeconds(3600)));
        open("/app/billing");
        assertThat(element("#trial-exhausted").getText()).contains("Trial exhausted — upgrade")
                .contains("Trial exhausted — upgrade at /billing").contains("upgrading to a plan below restores access");
        assertThat(element("#plan-status").getText()).isEqualTo("Trial exhausted");
        assertThat(element("#trial-days-left").getText()).isEqualTo("0 of 14");
        element("#upgrade-pro");
        Browser.screenshot(browser, "24-billing-trial-exhausted");

        // Pro (as the webhooks would leave it): no upgrade buttons, Manage billing to the Customer Portal.
        makePaid(tenantId, "cus_browser");
        open("/app/billing");
        assertThat(element("#plan-name").getText()).isEqualTo("Pro");
        assertThat(element("#subscription-status").getText()).isEqualTo("Active");
        assertThat(element("#subscription").getText()).containsIgnoringCase("Renews on");
        assertThat(element("[data-plan='pro']").getText()).contains("Current plan");
        assertThat(browser.findElements(By.cssSelector("[id^='upgrade-']"))).isEmpty();
        Browser.screenshot(browser, "25-billing-pro");
        element("#manage-billing").click();
        wait.until(ExpectedConditions.urlContains("/p/session/"));
        assertThat(element("#fake-stripe").getText()).isEqualTo("Fake Stripe Customer Portal");
        assertThat(STRIPE.received("/v1/billing_portal/sessions")).singleElement()
                .satisfies(portal -> assertThat(portal.form()).containsEntry("customer", "cus_browser"));

        setBilling(tenantId, "subscription_status = 'past_due'");
        open("/app/billing");
        assertThat(element("#past-due").getText()).contains("Payment past due").contains("keys keep working");
        assertThat(element("#plan-status").getText()).isEqualTo("Payment past due");
        Browser.screenshot(browser, "26-billing-past-due");

        setBilling(tenantId, "subscription_status = 'active', cancel_at_period_end = TRUE");
        open("/app/billing");
        assertThat(element("#cancel-notice").getText()).startsWith("Cancels on ").contains("your keys keep working until then");
        assertThat(element("#subscription").getText()).containsIgnoringCase("Cancels on");
        Browser.screenshot(browser, "27-billing-cancels");

        setBilling(tenantId, "subscription_status = 'canceled', current_period_end = ?",
                Timestamp.from(Instant.now().minusSeconds(86_400)));
        open("/app/billing");
        assertThat(element("#subscription-inactive").getText()).contains("Subscription inactive");
        assertThat(element("#plan-status").getText()).isEqualTo("Canceled");
        assertThat(element("#upgrade-pro").getText()).isEqualTo("Subscribe to Pro");
        assertThat(element("[data-plan='pro']").getText()).doesNotContain("Current plan");
        Browser.screenshot(browser, "28-billing-canceled");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/app/billing");
        Browser.screenshot(browser, "29-billing-canceled-phone");
    }
}
