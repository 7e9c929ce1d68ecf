package app.router4ai.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/** What every dashboard page gets: the signed-in user (for the layout), and a 404 page for what is not theirs. */
@ControllerAdvice(basePackageClasses = DashboardModel.class)
class DashboardModel {

    /** Something that does not exist, or belongs to another tenant: both look the same. */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super("not found", null, false, false);
        }
    }

    @ModelAttribute("user")
    SignedInUser user(@AuthenticationPrincipal SignedInUser user) {
        return user;
    }

    /** Exception handlers get a fresh model, without the attributes above: the page's layout needs the user. */
    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("user", user);
        return "not-found";
    }
}
