package app.router4ai.ratelimit;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** {@code PATCH /admin/v1/tenants/{tenantId}}: next to AdminRoutes, behind the same admin token. */
@Component
class RateLimitAdminRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/admin/v1")
                .patch("/tenants/{tenantId}").routeId("admin-update-tenant").to("direct:admin-update-tenant");

        from("direct:admin-update-tenant").routeId("admin-update-tenant-op").routeConfigurationId("api-errors")
                .process("adminTokenGuard")
                .to("bean:tenantLimitsAdmin?method=update");
    }
}
