package app.router4ai.dashboard;

import app.router4ai.auth.PasswordHasher;
import app.router4ai.tenant.Tenant;
import app.router4ai.tenant.TenantStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Dashboard accounts: sign-up creates a tenant and its first user; sign-in looks users up by email. */
@Service
class Accounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DashboardUserStore users;
    private final TenantStore tenants;
    private final PasswordHasher hasher;

    Accounts(DashboardUserStore users, TenantStore tenants, PasswordHasher hasher) {
        this.users = users;
        this.tenants = tenants;
        this.hasher = hasher;
    }

    /** Thrown when an account already uses the email. */
    static final class EmailTaken extends RuntimeException {
        EmailTaken() {
            super("email taken", null, false, false);
        }
    }

    @Transactional
    SignedInUser signUp(String workspace, String email, String password) {
        String normalized = normalize(email);
        if (users.emailTaken(normalized)) {
            throw new EmailTaken();
        }
        Tenant tenant = tenants.create(workspace, normalized);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        DashboardUser user = new DashboardUser("usr_" + HexFormat.of().formatHex(id), tenant.id(), normalized,
                hasher.hash(password), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            users.insert(user);
        } catch (DuplicateKeyException e) {
            throw new EmailTaken();
        }
        return new SignedInUser(user.id(), tenant.id(), tenant.name(), user.email(), null);
    }

    SignedInUser loadUserByUsername(String email) {
        DashboardUser user = users.findByEmail(normalize(email))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        String tenantName = tenants.find(user.tenantId()).map(Tenant::name).orElse("");
        return new SignedInUser(user.id(), user.tenantId(), tenantName, user.email(), user.passwordHash());
    }

    void signedIn(SignedInUser user) {
        users.signedIn(user.userId(), Instant.now());
    }

    static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
