package app.router4ai.billing;

import app.router4ai.api.ApiError;
import app.router4ai.billing.stripe.StripeGateway;
import app.router4ai.tenant.Tenant;
import app.router4ai.tenant.TenantStore;
import com.stripe.exception.StripeException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Billing operations for the admin API and the dashboard: a tenant's standing, upgrade, and the Customer Portal. */
@Service
public class BillingService {

    private final TenantStore tenants;
    private final TrialBalance balance;
    private final BillingAccountStore accounts;
    private final BillingSettings settings;
    private final StripeGateway stripe;

    public BillingService(TenantStore tenants, TrialBalance balance, BillingAccountStore accounts, BillingSettings settings,
                          StripeGateway stripe) {
        this.tenants = tenants;
        this.balance = balance;
        this.accounts = accounts;
        this.settings = settings;
        this.stripe = stripe;
    }

    public BillingSummary summary(String tenantId) {
        tenant(tenantId);
        Allowance allowance = balance.of(tenantId);
        BillingAccount account = allowance.account();
        Instant now = Instant.now();
        ApiError refusal = allowance.refusal(now);
        String status = account.onTrial() ? (refusal == null ? "trialing" : "trial_exhausted")
                : account.subscriptionStatus() == null ? "incomplete" : account.subscriptionStatus();
        long daysLeft = account.onTrial() && now.isBefore(account.trialEndsAt())
                ? (Duration.between(now, account.trialEndsAt()).toHours() + 23) / 24 : 0;
        return new BillingSummary(tenantId, account.plan(), status, refusal == null, account.trialTokens(),
                account.onTrial() ? allowance.trialTokensLeft() : 0, daysLeft, account.trialEndsAt(),
                account.currentPeriodEnd(), account.cancelAtPeriodEnd(), stripe.configured());
    }

    /** A Stripe Checkout URL for moving to {@code plan}; creates the tenant's Stripe customer on first use. */
    public String checkoutUrl(String tenantId, String plan) {
        Tenant tenant = tenant(tenantId);
        if (!stripe.configured()) {
            throw BillingErrors.notConfigured();
        }
        PlanSettings chosen = plan == null ? null : settings.plans().get(plan);
        if (chosen == null || !chosen.purchasable()) {
            throw BillingErrors.unknownPlan(plan);
        }
        try {
            return stripe.checkoutUrl(customer(tenant), tenantId, plan, chosen);
        } catch (StripeException e) {
            throw BillingErrors.stripeFailed(e.getMessage());
        }
    }

    /** A Stripe Customer Portal URL (invoices, card, cancel). */
    public String portalUrl(String tenantId) {
        tenant(tenantId);
        if (!stripe.configured()) {
            throw BillingErrors.notConfigured();
        }
        String customer = balance.of(tenantId).account().stripeCustomerId();
        if (customer == null) {
            customer = accounts.find(tenantId).map(BillingAccount::stripeCustomerId)
                    .orElseThrow(() -> BillingErrors.noCustomer(tenantId));
        }
        try {
            return stripe.portalUrl(customer);
        } catch (StripeException e) {
            throw BillingErrors.stripeFailed(e.getMessage());
        }
    }

    private String customer(Tenant tenant) throws StripeException {
        BillingAccount account = accounts.findOrCreate(tenant.id()).orElseThrow();
        if (account.stripeCustomerId() != null) {
            return account.stripeCustomerId();
        }
        String created = stripe.createCustomer(tenant.id(), tenant.name(), tenant.email());
        String kept = accounts.attachCustomer(tenant.id(), created);
        balance.refresh(tenant.id());
        return kept;
    }

    private Tenant tenant(String tenantId) {
        return tenants.find(tenantId)
                .orElseThrow(() -> ApiError.notFound("tenant_not_found", "No tenant with id '" + tenantId + "'."));
    }
}
