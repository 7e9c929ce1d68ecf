package app.router4ai.demo;

import app.router4ai.auth.ApiKeyService;
import app.router4ai.auth.IssuedKey;
import app.router4ai.tenant.Tenant;
import app.router4ai.tenant.TenantStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Try-it mode: a demo tenant and a fresh key at every start, printed once so the README's curl just works. */
@Component
@Profile("demo")
class DemoBootstrap {

    private final TenantStore tenants;
    private final ApiKeyService keys;
    private final Environment env;

    DemoBootstrap(TenantStore tenants, ApiKeyService keys, Environment env) {
        this.tenants = tenants;
        this.keys = keys;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createDemoKey() {
        Tenant tenant = tenants.create("Demo tenant", "demo@router4ai.invalid");
        IssuedKey key = keys.create(tenant.id(), "demo");
        String port = env.getProperty("local.server.port", "8080");
        // Printed, not logged: this key is meant to be copied from the console, once.
        System.out.printf("""

                ==== Router4AI demo mode: fake providers, no accounts needed ====
                Demo API key (shown once): %s
                Try it:
                  curl http://localhost:%s/v1/chat/completions -H "Authorization: Bearer %s" \\
                    -H "Content-Type: application/json" \\
                    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'
                =================================================================

                """, key.fullKey(), port, key.fullKey());
    }
}
