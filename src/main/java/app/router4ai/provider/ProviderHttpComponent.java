package app.router4ai.provider;

import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.springframework.stereotype.Component;

/**
 * Camel's {@code http} component, with smaller per-connection buffers. An upstream connection stays
 * checked out for the whole of a streamed answer (minutes), and HttpClient gives each one three 8 KB
 * buffers (two for reading, one for writing): with thousands of open streams, 24 KB a stream.
 * SSE events and chat requests are small; 4 KB buffers still read a typical answer in one go.
 * Pool sizes, time-to-live and timeouts stay as configured ({@code camel.component.http.*}). Keeps no cookies.
 */
@Component("http")
public class ProviderHttpComponent extends HttpComponent {

    static final int CONNECTION_BUFFER_BYTES = 4096;

    public ProviderHttpComponent() {
        setCookieManagementDisabled(true);
    }

    /**
     * Always disabled: one client serves every tenant, and a cookie a provider set on one tenant's answer (a
     * session, a load balancer's affinity) went back upstream on everyone's next request. (Camel's Spring Boot
     * configuration sets every option of the component after construction, false included.)
     */
    @Override
    public void setCookieManagementDisabled(boolean ignored) {
        super.setCookieManagementDisabled(true);
    }

    @Override
    protected HttpClientConnectionManager createConnectionManager(Registry<ConnectionSocketFactory> registry,
                                                                  int maxTotal, int perRoute, SocketConfig socketConfig) {
        var connections = ManagedHttpClientConnectionFactory.builder()
                .http1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_BYTES).build())
                .build();
        var manager = new PoolingHttpClientConnectionManager(registry, PoolConcurrencyPolicy.STRICT,
                TimeValue.ofMilliseconds(getConnectionTimeToLive()), connections);
        manager.setMaxTotal(maxTotal > 0 ? maxTotal : getMaxTotalConnections());
        manager.setDefaultMaxPerRoute(perRoute > 0 ? perRoute : getConnectionsPerRoute());
        if (socketConfig != null) {
            manager.setDefaultSocketConfig(socketConfig);
        }
        return manager;
    }
}
