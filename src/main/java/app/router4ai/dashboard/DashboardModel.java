package app.router4ai.dashboard;

import app.router4ai.api.ApiError;
import app.router4ai.api.DatabaseUnavailableErrors;
import app.router4ai.database.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What every dashboard page gets: the signed-in user (for the layout), a 404 page for what is not theirs, and a
 * 503 page while the database does not answer.
 */
@ControllerAdvice(basePackageClasses = DashboardModel.class)
class DashboardModel {

    private final DatabaseUnavailableErrors databaseErrors;

    DashboardModel(DatabaseUnavailableErrors databaseErrors) {
        this.databaseErrors = databaseErrors;
    }

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

    /** The database did not answer in time: a page that says to try again in a moment, 503 with Retry-After. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    String databaseUnavailable(RuntimeException failure, @AuthenticationPrincipal SignedInUser user, Model model,
                               HttpServletResponse response) {
        if (!DatabaseUnavailable.is(failure)) {
            throw failure;
        }
        ApiError error = databaseErrors.error(failure);
        response.setStatus(error.status());
        error.headers().forEach(response::setHeader);
        model.addAttribute("user", user);
        model.addAttribute("status", error.status());
        return "error";
    }
}
