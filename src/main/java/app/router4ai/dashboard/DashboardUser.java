package app.router4ai.dashboard;

import java.time.Instant;

/** A person who signs in to the dashboard: one tenant's user. The email is stored lower-cased. */
record DashboardUser(String id, String tenantId, String email, String passwordHash, Instant createdAt) {
}
