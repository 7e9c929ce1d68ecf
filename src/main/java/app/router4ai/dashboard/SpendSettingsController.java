package app.router4ai.dashboard;

import app.router4ai.admin.BudgetInput;
import app.router4ai.admin.KeySettingsInput;
import app.router4ai.admin.SpendAdminApi;
import app.router4ai.api.ApiError;
import app.router4ai.auth.ApiKeyService;
import app.router4ai.auth.KeySettings;
import app.router4ai.auth.KeySettingsStore;
import app.router4ai.auth.StoredKey;
import app.router4ai.budget.Budget;
import app.router4ai.budget.SpendBook;
import app.router4ai.ratelimit.TenantLimitsCache;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Spend controls in the dashboard: a key's budget, scopes, expiry and own limits ({@code /app/keys/{id}/settings}),
 * and the workspace's budget ({@code /app/budget}). The forms go through the admin API's own checks: a bad value
 * re-shows the form with the message naming the field (422), nothing changed.
 */
@Controller
class SpendSettingsController {

    private final ApiKeyService keys;
    private final KeySettingsStore settings;
    private final SpendAdminApi admin;
    private final SpendBook spend;
    private final TenantLimitsCache limits;
    private final ObjectMapper json;
    private final Clock clock;

    SpendSettingsController(ApiKeyService keys, KeySettingsStore settings, SpendAdminApi admin, SpendBook spend,
                            TenantLimitsCache limits, ObjectMapper json, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.admin = admin;
        this.spend = spend;
        this.limits = limits;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/app/keys/{keyId}/settings")
    String keyPage(@AuthenticationPrincipal SignedInUser user, @PathVariable String keyId, Model model) {
        StoredKey key = owned(user, keyId);
        return page(model, key, Budget.keySubject(key.id()), settings.find(key.id()).orElse(KeySettings.none(key.id(), key.tenantId())));
    }

    @GetMapping("/app/budget")
    String workspacePage(@AuthenticationPrincipal SignedInUser user, Model model) {
        return page(model, null, Budget.tenantSubject(user.tenantId()), null);
    }

    @PostMapping("/app/keys/{keyId}/budget")
    String setKeyBudget(@AuthenticationPrincipal SignedInUser user, @PathVariable String keyId, BudgetForm form, Model model,
                        RedirectAttributes next, jakarta.servlet.http.HttpServletResponse response) {
        StoredKey key = live(user, keyId);
        return setBudget(form, Budget.keySubject(key.id()), key.tenantId(), "“" + key.name() + "”", model, next, response,
                () -> keyPage(user, keyId, model), "redirect:/app/keys/" + key.id() + "/settings");
    }

    @PostMapping("/app/budget")
    String setWorkspaceBudget(@AuthenticationPrincipal SignedInUser user, BudgetForm form, Model model,
                              RedirectAttributes next, jakarta.servlet.http.HttpServletResponse response) {
        return setBudget(form, Budget.tenantSubject(user.tenantId()), user.tenantId(), "the workspace", model, next, response,
                () -> workspacePage(user, model), "redirect:/app/budget");
    }

    @PostMapping("/app/keys/{keyId}/budget/clear")
    String clearKeyBudget(@AuthenticationPrincipal SignedInUser user, @PathVariable String keyId, RedirectAttributes next) {
        StoredKey key = owned(user, keyId);
        spend.clear(Budget.keySubject(key.id()));
        next.addFlashAttribute("notice", "Cleared the budget of “" + key.name() + "”.");
        return "redirect:/app/keys/" + key.id() + "/settings";
    }

    @PostMapping("/app/budget/clear")
    String clearWorkspaceBudget(@AuthenticationPrincipal SignedInUser user, RedirectAttributes next) {
        spend.clear(Budget.tenantSubject(user.tenantId()));
        next.addFlashAttribute("notice", "Cleared the workspace's budget.");
        return "redirect:/app/budget";
    }

    @PostMapping("/app/keys/{keyId}/settings")
    String saveSettings(@AuthenticationPrincipal SignedInUser user, @PathVariable String keyId, SettingsForm form,
                        Model model, RedirectAttributes next, jakarta.servlet.http.HttpServletResponse response) {
        StoredKey key = live(user, keyId);
        KeySettings current = settings.find(key.id()).orElse(KeySettings.none(key.id(), key.tenantId()));
        try {
            KeySettingsInput.Change change = KeySettingsInput.parse(form.json(json), current,
                    limits.get(key.tenantId()).rps(), clock.instant());
            admin.apply(key, change);
        } catch (ApiError bad) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("settingsError", bad.getMessage());
            model.addAttribute("settingsForm", form);
            return keyPage(user, keyId, model);
        }
        next.addFlashAttribute("notice", "Saved the settings of “" + key.name() + "”.");
        return "redirect:/app/keys/" + key.id() + "/settings";
    }

    private String setBudget(BudgetForm form, String subject, String tenantId, String whose, Model model, RedirectAttributes next,
                             jakarta.servlet.http.HttpServletResponse response, java.util.function.Supplier<String> again,
                             String done) {
        try {
            spend.set(BudgetInput.parse(form.json(json), subject, tenantId));
        } catch (ApiError bad) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("budgetError", bad.getMessage());
            model.addAttribute("budgetForm", form);
            return again.get();
        }
        next.addFlashAttribute("notice", "Saved the budget of " + whose + ".");
        return done;
    }

    private String page(Model model, StoredKey key, String subject, KeySettings own) {
        model.addAttribute("nav", "keys");
        model.addAttribute("key", key);
        Budget budget = spend.budget(subject);
        model.addAttribute("budget", budget == null ? null : spend.status(budget));
        if (!model.containsAttribute("budgetForm")) {
            model.addAttribute("budgetForm", budget == null ? new BudgetForm("", "", "month", "80") : BudgetForm.of(budget));
        }
        if (own != null && !model.containsAttribute("settingsForm")) {
            model.addAttribute("settingsForm", SettingsForm.of(own));
        }
        return "spend-settings";
    }

    private StoredKey owned(SignedInUser user, String keyId) {
        return keys.find(keyId).filter(key -> key.tenantId().equals(user.tenantId())).orElseThrow(DashboardModel.NotFound::new);
    }

    private StoredKey live(SignedInUser user, String keyId) {
        StoredKey key = owned(user, keyId);
        if (key.revoked()) {
            throw new DashboardModel.NotFound();
        }
        return key;
    }

    /** The budget form's fields as typed: blank = none. */
    record BudgetForm(String limitUsd, String limitTokens, String period, String alertPercent) {

        static BudgetForm of(Budget b) {
            return new BudgetForm(b.limitCents() == null ? "" : b.limitCents().movePointLeft(2).stripTrailingZeros().toPlainString(),
                    b.limitTokens() == null ? "" : b.limitTokens().toString(), b.period().id(), Integer.toString(b.alertPercent()));
        }

        ObjectNode json(ObjectMapper json) {
            ObjectNode body = json.createObjectNode();
            number(body, "limit_usd", limitUsd);
            number(body, "limit_tokens", limitTokens);
            body.put("period", period);
            number(body, "alert_threshold_percent", alertPercent);
            return body;
        }
    }

    /** The settings form: patterns separated by commas or spaces, the expiry as a UTC date and time. */
    record SettingsForm(String models, String tiers, String providers, String expiresAt, String rateLimitRps,
                        String tokensPerMinute) {

        static SettingsForm of(KeySettings s) {
            return new SettingsForm(String.join(", ", s.scopes().models()), String.join(", ", s.scopes().tiers()),
                    String.join(", ", s.scopes().providers()),
                    s.expiresAt() == null ? "" : s.expiresAt().toString().substring(0, 16),
                    s.rateLimitRps() == null ? "" : s.rateLimitRps().toString(),
                    s.tokensPerMinute() == null ? "" : s.tokensPerMinute().toString());
        }

        ObjectNode json(ObjectMapper json) {
            ObjectNode body = json.createObjectNode();
            ObjectNode scopes = body.putObject("scopes");
            Map.of("models", models, "tiers", tiers, "providers", providers).forEach((field, text) -> {
                var list = scopes.putArray(field);
                Arrays.stream(blankIfNull(text).split("[,\\s]+")).filter(p -> !p.isEmpty()).forEach(list::add);
            });
            String expiry = blankIfNull(expiresAt).trim();
            // datetime-local sends 2027-01-31T09:30 (labelled UTC on the page)
            body.put("expires_at", expiry.isEmpty() ? null : expiry.length() == 16 ? expiry + ":00Z" : expiry);
            number(body, "rate_limit_rps", rateLimitRps);
            number(body, "tokens_per_minute", tokensPerMinute);
            return body;
        }
    }

    /** A typed number as JSON: blank is null, a number is a number, anything else stays text (the check refuses it). */
    private static void number(ObjectNode body, String field, String text) {
        String value = blankIfNull(text).trim();
        if (value.isEmpty()) {
            body.putNull(field);
            return;
        }
        try {
            if (value.matches("-?\\d{1,18}")) {
                body.put(field, Long.parseLong(value));
            } else {
                body.put(field, new BigDecimal(value));
            }
        } catch (NumberFormatException e) {
            body.put(field, value);
        }
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text;
    }
}
