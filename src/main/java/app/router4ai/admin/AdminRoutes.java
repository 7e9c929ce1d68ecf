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
                .patch("/keys/{keyId}").routeId("admin-update-key").to("direct:admin-update-key")
                .get("/keys/{keyId}/budget").routeId("admin-key-budget").to("direct:admin-key-budget")
                .put("/keys/{keyId}/budget").routeId("admin-set-key-budget").to("direct:admin-set-key-budget")
                .delete("/keys/{keyId}/budget").routeId("admin-clear-key-budget").to("direct:admin-clear-key-budget")
                .get("/tenants/{tenantId}/budget").routeId("admin-tenant-budget").to("direct:admin-tenant-budget")
                .put("/tenants/{tenantId}/budget").routeId("admin-set-tenant-budget").to("direct:admin-set-tenant-budget")
                .delete("/tenants/{tenantId}/budget").routeId("admin-clear-tenant-budget").to("direct:admin-clear-tenant-budget")
                .get("/tenants/{tenantId}/usage").routeId("admin-tenant-usage").to("direct:admin-tenant-usage")
                .get("/tenants/{tenantId}/billing").routeId("admin-billing").to("direct:admin-billing")
                .post("/tenants/{tenantId}/billing/checkout").routeId("admin-billing-checkout").to("direct:admin-billing-checkout")
                .post("/tenants/{tenantId}/billing/portal").routeId("admin-billing-portal").to("direct:admin-billing-portal");

        operation("admin-create-tenant", "createTenant");
        operation("admin-create-key", "createKey");
        operation("admin-list-keys", "listKeys");
        operation("admin-rotate-key", "rotateKey");
        operation("admin-revoke-key", "revokeKey");
        operation("admin-update-key", "spendAdminApi", "updateKey");
        operation("admin-key-budget", "spendAdminApi", "keyBudget");
        operation("admin-set-key-budget", "spendAdminApi", "setKeyBudget");
        operation("admin-clear-key-budget", "spendAdminApi", "clearKeyBudget");
        operation("admin-tenant-budget", "spendAdminApi", "tenantBudget");
        operation("admin-set-tenant-budget", "spendAdminApi", "setTenantBudget");
        operation("admin-clear-tenant-budget", "spendAdminApi", "clearTenantBudget");
        operation("admin-tenant-usage", "usageApi", "tenantUsage");
        operation("admin-billing", "billingAdminApi", "summary");
        operation("admin-billing-checkout", "billingAdminApi", "checkout");
        operation("admin-billing-portal", "billingAdminApi", "portal");
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
