package app.router4ai.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in page (the form posts to Spring Security), sign-up, and the root. */
@Controller
class AccountController {

    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    private final Accounts accounts;
    private final SecurityContextRepository sessions;
    private final DashboardSettings settings;

    AccountController(Accounts accounts, SecurityContextRepository sessions, DashboardSettings settings) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.settings = settings;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/app/keys";
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("nav", "login");
        return "login";
    }

    @GetMapping("/signup")
    String signUpForm(Model model) {
        model.addAttribute("form", new SignUpForm("", "", ""));
        model.addAttribute("minPassword", settings.minPasswordLength());
        return "signup";
    }

    record SignUpForm(String workspace, String email, String password) {
    }

    @PostMapping("/signup")
    String signUp(@RequestParam(defaultValue = "") String workspace, @RequestParam(defaultValue = "") String email,
                  @RequestParam(defaultValue = "") String password, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = workspace.trim();
        if (name.isEmpty() || name.length() > 200) {
            errors.put("workspace", "Enter a workspace name (your team or company), up to 200 characters.");
        }
        if (!email.trim().matches(EMAIL) || email.trim().length() > 320) {
            errors.put("email", "Enter an email address, like you@example.com.");
        }
        if (password.length() < settings.minPasswordLength() || password.length() > 200) {
            errors.put("password", "Use at least " + settings.minPasswordLength() + " characters (at most 200).");
        }
        SignedInUser user = null;
        if (errors.isEmpty()) {
            try {
                user = accounts.signUp(name, email, password);
            } catch (Accounts.EmailTaken e) {
                errors.put("email", "An account already uses this email. Sign in instead.");
            }
        }
        if (user == null) {
            model.addAttribute("form", new SignUpForm(workspace, email, ""));
            model.addAttribute("errors", errors);
            model.addAttribute("minPassword", settings.minPasswordLength());
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return "signup";
        }
        signIn(user, request, response);
        return "redirect:/app/keys?welcome";
    }

    /** Signs the new user in: a new session id (no fixation), the context saved where Spring Security reads it. */
    private void signIn(SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
    }
}
