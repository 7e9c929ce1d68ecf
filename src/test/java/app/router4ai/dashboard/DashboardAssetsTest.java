package app.router4ai.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What a browser fetches besides the pages. */
class DashboardAssetsTest extends RouterTest {

    @Test
    void theFaviconIsServedAndEveryPageLinksIt() throws Exception {
        HttpResponse<byte[]> icon = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/"));
        assertThat(icon.body()).as("an ICO file").startsWith(0, 0, 1, 0);
        for (String page : new String[] {"/login", "/signup"}) {
            assertThat(new DashboardSession(baseUrl()).get(page).body()).contains("<link rel=\"icon\" href=\"/favicon.ico\"");
        }
    }
}
