package app.router4ai.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RouterTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard behind docker/compose.yaml's nginx, which listens on :8080: the router gets the headers that
 * docker/nginx.conf sets, read from the file itself, and its redirects must send the browser back to :8080.
 */
class BehindTheComposeBalancerTest extends RouterTest {

    private static final Pattern SET_HEADER = Pattern.compile("^\\s*proxy_set_header\\s+(\\S+)\\s+(.*?);", Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"/app/keys", "/billing?checkout=success"})
    void theSignInRedirectSendsTheBrowserBackToTheBalancersPort(String page) throws IOException {
        assertThat(redirectThroughBalancer(page)).isEqualTo("http://localhost:8080/login");
    }

    /** What nginx sends for a browser's GET http://localhost:8080{path} from 203.0.113.7; the Location answered. */
    private String redirectThroughBalancer(String path) throws IOException {
        Map<String, String> variables = Map.of("$http_host", "localhost:8080", "$host", "localhost",
                "$proxy_add_x_forwarded_for", "203.0.113.7", "$scheme", "http");
        Map<String, String> headers = new LinkedHashMap<>();
        Matcher m = SET_HEADER.matcher(Files.readString(Path.of("docker/nginx.conf")));
        while (m.find()) {
            String value = m.group(2).replace("\"", "");
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                value = value.replace(variable.getKey(), variable.getValue());
            }
            if (!value.isEmpty()) {
                headers.put(m.group(1), value);
            }
        }
        assertThat(headers).containsKeys("Host", "X-Forwarded-For", "X-Forwarded-Proto");

        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            assertThat(status).as("a redirect").matches("HTTP/1\\.1 30[23] .*");
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                    return line.substring(9).trim();
                }
            }
        }
        throw new AssertionError("no Location header");
    }
}
