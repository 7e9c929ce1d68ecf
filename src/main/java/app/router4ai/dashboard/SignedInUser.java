package app.router4ai.dashboard;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal of a dashboard session: whose tenant every page and action is scoped to. */
public final class SignedInUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_TENANT_USER"));

    private final String userId;
    private final String tenantId;
    private final String tenantName;
    private final String email;
    private String passwordHash;

    SignedInUser(String userId, String tenantId, String tenantName, String email, String passwordHash) {
        this.userId = userId;
        this.tenantId = tenantId;
        this.tenantName = tenantName;
        this.email = email;
        this.passwordHash = passwordHash;
    }

    public String userId() {
        return userId;
    }

    public String tenantId() {
        return tenantId;
    }

    public String tenantName() {
        return tenantName;
    }

    public String email() {
        return email;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return AUTHORITIES;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
