package app.router4ai.dashboard;

import app.router4ai.api.ApiError;
import app.router4ai.billing.BillingService;
import app.router4ai.billing.BillingSettings;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The Billing page: plan, trial left, upgrade through Stripe Checkout, the Customer Portal for paid tenants.
 * Every action is on the signed-in user's tenant (from the session; the forms carry only the plan).
 * {@code /billing}, where the API's 402 and Stripe's return URLs point, lands here.
 */
@Controller
class BillingController {

    private final BillingService billing;
    private final BillingSettings settings;

    BillingController(BillingService billing, BillingSettings settings) {
        this.billing = billing;
        this.settings = settings;
    }

    /** The product's "upgrade at /billing", and where Checkout and the Portal send the customer back. */
    @GetMapping("/billing")
    String fromElsewhere(@RequestParam(required = false) String checkout) {
        return "redirect:/app/billing" + (notice(checkout) == null ? "" : "?checkout=" + checkout);
    }

    @GetMapping("/app/billing")
    String page(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String checkout, Model model) {
        model.addAttribute("nav", "billing");
        model.addAttribute("billing", BillingPage.of(billing.summary(user.tenantId()), settings));
        model.addAttribute("checkout", notice(checkout));
        return "billing";
    }

    @PostMapping("/app/billing/checkout")
    View checkout(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String plan,
                  RedirectAttributes next) {
        try {
            return seeOther(billing.checkoutUrl(user.tenantId(), plan));
        } catch (ApiError e) {
            next.addFlashAttribute("billingError", message(e, BillingPage.name(plan)));
            return backToPage();
        }
    }

    @PostMapping("/app/billing/portal")
    View portal(@AuthenticationPrincipal SignedInUser user, RedirectAttributes next) {
        try {
            return seeOther(billing.portalUrl(user.tenantId()));
        } catch (ApiError e) {
            next.addFlashAttribute("billingError", message(e, null));
            return backToPage();
        }
    }

    /** "success" or "canceled" from Checkout's return URL; anything else is ignored. */
    private static String notice(String checkout) {
        return "success".equals(checkout) || "canceled".equals(checkout) ? checkout : null;
    }

    private static String message(ApiError e, String plan) {
        return switch (e.code() == null ? "" : e.code()) {
            case "billing_not_configured" -> "Upgrades are unavailable on this router: billing is not configured.";
            case "no_billing_account" -> "There is no billing account for this workspace yet: upgrade to a plan first.";
            case "stripe_error" -> "Stripe did not answer in time, so nothing was started and nothing was charged. "
                    + "Please try again in a moment.";
            default -> e.status() == 400 ? "The " + plan + " plan can’t be bought on this router."
                    : "That didn’t work: " + e.getMessage();
        };
    }

    private static RedirectView seeOther(String url) {
        RedirectView view = new RedirectView(url);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }

    private static RedirectView backToPage() {
        RedirectView view = new RedirectView("/app/billing", true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }
}
