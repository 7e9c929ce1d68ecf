package app.router4ai.admin;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The admin API over the REST DSL: every operation checks the admin token first. */
@Component
class AdminRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/admin/v1")
                .post("/tenants").routeId("admin-create-tenant").to("direct:admin-create-tenant")
                .post("/tenants/{tenantId}/keys").routeId("admin-create-key").to("direct:admin-create-key")
                .get("/tenants/{tenantId}/keys").routeId("admin-list-keys").to("direct:admin-list-keys")
                .post("/keys/{keyId}/rotate").routeId("admin-rotate-key").to("direct:admin-rotate-key")
                .delete("/keys/{keyId}").routeId("admin-revoke-key").to("direct:admin-revoke-key")
                .get("/tenants/{tenantId}/usage").routeId("admin-tenant-usage").to("direct:admin-tenant-usage");

        operation("admin-create-tenant", "createTenant");
        operation("admin-create-key", "createKey");
        operation("admin-list-keys", "listKeys");
        operation("admin-rotate-key", "rotateKey");
        operation("admin-revoke-key", "revokeKey");
        operation("admin-tenant-usage", "usageApi", "tenantUsage");
    }

    private void operation(String name, String method) {
        operation(name, "adminApi", method);
    }

    private void operation(String name, String bean, String method) {
        from("direct:" + name).routeId(name + "-op").routeConfigurationId("api-errors")
                .process("adminTokenGuard")
                .to("bean:" + bean + "?method=" + method);
    }
}
