package app.router4ai.dashboard;

import app.router4ai.auth.PasswordHasher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Email and password sign-in: Argon2id through {@link PasswordHasher} (an unknown email costs the same
 * hash, so timing does not tell which emails have accounts), refused while {@link LoginThrottle} says so.
 */
@Component
class ThrottledSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final Accounts accounts;

    ThrottledSignIn(Accounts accounts, PasswordHasher hasher, LoginThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(accounts::loadUserByUsername);
        this.passwords.setPasswordEncoder(new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return hasher.hash(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String hash) {
                return hasher.verify(raw, hash);
            }
        });
        this.throttle = throttle;
        this.accounts = accounts;
    }

    /** Sign-in refused because of too many recent failures. */
    static final class TooManyAttempts extends AuthenticationException {
        TooManyAttempts() {
            super("Too many failed sign-ins");
        }
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String email = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "";
        if (throttle.locked(email, address)) {
            throw new TooManyAttempts();
        }
        try {
            Authentication result = passwords.authenticate(attempt);
            throttle.succeeded(email, address);
            accounts.signedIn((SignedInUser) result.getPrincipal());
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(email, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
