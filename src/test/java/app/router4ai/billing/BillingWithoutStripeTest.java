package app.router4ai.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import app.router4ai.api.ApiError;
import app.router4ai.billing.stripe.StripeGateway;
import app.router4ai.billing.stripe.StripeSettings;
import app.router4ai.tenant.Tenant;
import app.router4ai.tenant.TenantStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** With no STRIPE_API_KEY, upgrades answer 503 billing_not_configured; nothing calls Stripe. */
class BillingWithoutStripeTest {

    @Test
    void upgradeAndPortalSayBillingIsNotConfigured() {
        StripeSettings unset = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("router.billing.stripe", Bindable.of(StripeSettings.class));
        StripeGateway stripe = new StripeGateway(unset);
        TenantStore tenants = mock(TenantStore.class);
        when(tenants.find("ten_1")).thenReturn(Optional.of(new Tenant("ten_1", "Acme", "a@acme.test", "trial", Instant.now())));
        BillingService billing = new BillingService(tenants, mock(TrialBalance.class), mock(BillingAccountStore.class),
                new BillingSettings(new BillingSettings.TrialSettings(1_000_000, 14), null, java.time.Duration.ofSeconds(5)), stripe);

        assertThat(stripe.configured()).isFalse();
        assertThat(unset.apiBase()).isEqualTo("https://api.stripe.com");
        ApiError checkout = catchThrowableOfType(ApiError.class, () -> billing.checkoutUrl("ten_1", "pro"));
        assertThat(checkout.status()).isEqualTo(503);
        assertThat(checkout.code()).isEqualTo("billing_not_configured");
        assertThat(checkout.getMessage()).contains("STRIPE_API_KEY");
        assertThat(catchThrowableOfType(ApiError.class, () -> billing.portalUrl("ten_1")).code()).isEqualTo("billing_not_configured");
    }

    @Test
    void defaultPlansArePro49AndBusiness499() {
        BillingSettings defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("router.billing", Bindable.of(BillingSettings.class));
        assertThat(defaults.trial().tokens()).isEqualTo(1_000_000);
        assertThat(defaults.trial().days()).isEqualTo(14);
        assertThat(defaults.plans().get("pro").monthlyPriceUsd()).isEqualByComparingTo("49");
        assertThat(defaults.plans().get("business").monthlyPriceUsd()).isEqualByComparingTo("499");
    }
}
