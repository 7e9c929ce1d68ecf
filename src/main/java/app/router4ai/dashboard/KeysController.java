package app.router4ai.dashboard;

import app.router4ai.auth.ApiKeyService;
import app.router4ai.auth.IssuedKey;
import app.router4ai.auth.StoredKey;
import app.router4ai.budget.Budget;
import app.router4ai.budget.BudgetStatus;
import app.router4ai.budget.SpendBook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The API Keys page: create, list, rotate, revoke. A new key is handed to the next page view once
 * (flash attribute) and never again. Every action on a key first checks it belongs to the signed-in
 * user's tenant; another tenant's key answers 404, exactly like a key that does not exist.
 */
@Controller
@RequestMapping("/app/keys")
class KeysController {

    static final int MAX_NAME = 100;

    private final ApiKeyService keys;
    private final SpendBook spend;

    KeysController(ApiKeyService keys, SpendBook spend) {
        this.keys = keys;
        this.spend = spend;
    }

    /** A key just issued, for the page that shows it once. */
    record Issued(String name, String prefix, String key, boolean rotated) {
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("nav", "keys");
        List<StoredKey> list = keys.list(user.tenantId()).reversed();
        model.addAttribute("keys", list);
        model.addAttribute("maxName", MAX_NAME);
        // Each key's spend this period against its budget (the bar), and the budgets past their alert threshold.
        Map<String, BudgetStatus> budgets = new HashMap<>();
        List<String> alerts = new ArrayList<>();
        BudgetStatus workspace = spend.statuses(List.of(Budget.tenantSubject(user.tenantId()))).stream().findFirst().orElse(null);
        if (workspace != null && workspace.pastAlert()) {
            alerts.add(alert("The workspace", workspace));
        }
        for (StoredKey key : list) {
            Budget budget = key.revoked() ? null : spend.budget(Budget.keySubject(key.id()));
            if (budget != null) {
                BudgetStatus status = spend.status(budget);
                budgets.put(key.id(), status);
                if (status.pastAlert()) {
                    alerts.add(alert("“" + key.name() + "”", status));
                }
            }
        }
        model.addAttribute("budgets", budgets);
        model.addAttribute("workspaceBudget", workspace);
        model.addAttribute("budgetAlerts", alerts);
        return "keys";
    }

    @PostMapping
    String create(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String name, Model model,
                  RedirectAttributes next, jakarta.servlet.http.HttpServletResponse response) {
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            model.addAttribute("nameError", "Give the key a name of 1 to " + MAX_NAME + " characters, e.g. \"backend\".");
            model.addAttribute("name", name);
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return list(user, model);
        }
        IssuedKey issued = keys.create(user.tenantId(), trimmed);
        next.addFlashAttribute("issued", issued(issued, false));
        return "redirect:/app/keys";
    }

    @GetMapping("/{keyId}/{action:rotate|revoke}")
    String confirm(@AuthenticationPrincipal SignedInUser user, @PathVariable String keyId, @PathVariable String action,
                   Model model, RedirectAttributes next) {
        StoredKey key = owned(user, keyId);
        if (key.revoked()) {
            next.addFlashAttribute("notice", "“" + key.name() + "” (" + key.prefix() + "…) is already revoked.");
            return "redirect:/app/keys";
        }
        model.addAttribute("nav", "keys");
        model.addAttribute("key", key);
        model.addAttribute("action", action);
        return "key-confirm";
    }

    @PostMapping("/{keyId}/rotate")
    String rotate(@AuthenticationPrincipal SignedInUser user, @PathVariable String keyId, RedirectAttributes next) {
        StoredKey key = owned(user, keyId);
        if (key.revoked()) {
            next.addFlashAttribute("notice", "“" + key.name() + "” is revoked: create a new key instead.");
            return "redirect:/app/keys";
        }
        next.addFlashAttribute("issued", issued(keys.rotate(key), true));
        return "redirect:/app/keys";
    }

    @PostMapping("/{keyId}/revoke")
    String revoke(@AuthenticationPrincipal SignedInUser user, @PathVariable String keyId, RedirectAttributes next) {
        StoredKey key = owned(user, keyId);
        keys.revoke(key.id());
        next.addFlashAttribute("notice", "Revoked “" + key.name() + "” (" + key.prefix() + "…). Requests with it now get 401.");
        return "redirect:/app/keys";
    }

    private static String alert(String who, BudgetStatus status) {
        String period = status.budget().period().adjective();
        return status.spent()
                ? who + " has spent its " + period + " budget: its requests get 402"
                        + (status.resetsAt() == null ? " until the budget is raised." : " until " + status.resetsAt() + ".")
                : who + " has used " + status.percentUsed() + "% of its " + period + " budget (alert at "
                        + status.budget().alertPercent() + "%).";
    }

    private StoredKey owned(SignedInUser user, String keyId) {
        return keys.find(keyId).filter(key -> key.tenantId().equals(user.tenantId()))
                .orElseThrow(DashboardModel.NotFound::new);
    }

    private static Issued issued(IssuedKey issued, boolean rotated) {
        return new Issued(issued.stored().name(), issued.stored().prefix(), issued.fullKey(), rotated);
    }
}
