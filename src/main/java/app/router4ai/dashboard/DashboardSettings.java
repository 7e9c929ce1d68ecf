package app.router4ai.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dashboard settings: failed sign-ins allowed per email and address within a window before sign-in
 * is refused for the rest of it, and the shortest password accepted at sign-up.
 */
@ConfigurationProperties("router.dashboard")
record DashboardSettings(@DefaultValue("5") int signInAttempts, @DefaultValue("1m") Duration signInWindow,
                         @DefaultValue("10") int minPasswordLength) {
}
