package app.router4ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Operators see every route, with live statistics, in a JMX console (jconsole, VisualVM, hawtio). */
class JmxRoutesTest extends RouterTest {

    @Test
    void everyRouteIsAnMBeanWithLiveCounters() throws Exception {
        TenantKey tenant = newTenantKey();
        chat(tenant.key(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> routes = jmx.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null);
        assertThat(routes).extracting(n -> n.getKeyProperty("name").replace("\"", ""))
                .contains("chat-completions", "failover", "answer", "throttle", "billing", "provider-openai",
                        "provider-anthropic", "provider-gemini", "provider-deepseek", "models-list");
        ObjectName chat = routes.stream().filter(n -> n.getKeyProperty("name").replace("\"", "").equals("chat-completions"))
                .findFirst().orElseThrow();
        assertThat((Long) jmx.getAttribute(chat, "ExchangesTotal")).isPositive();
    }
}
