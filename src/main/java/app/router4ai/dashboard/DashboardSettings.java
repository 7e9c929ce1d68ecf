package app.router4ai.dashboard;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dashboard settings: failed sign-ins allowed per email and address within a window before sign-in
 * is refused for the rest of it, and the shortest password accepted at sign-up.
 *
 * @param billingRedirectOrigins where the Billing page's forms may redirect the browser (Stripe Checkout and the
 *                               Customer Portal): added to the pages' CSP {@code form-action}, which browsers also
 *                               apply to a form's redirects. Add your Stripe custom domain here if you use one.
 */
@ConfigurationProperties("router.dashboard")
record DashboardSettings(@DefaultValue("5") int signInAttempts, @DefaultValue("1m") Duration signInWindow,
                         @DefaultValue("10") int minPasswordLength,
                         @DefaultValue({"https://checkout.stripe.com", "https://billing.stripe.com"})
                         List<String> billingRedirectOrigins) {
}
