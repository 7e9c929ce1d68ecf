package app.router4ai.tenant;

import java.time.Instant;

/** A customer of the router: its keys, usage and plan belong to it. */
public record Tenant(String id, String name, String email, String plan, Instant createdAt) {
}
