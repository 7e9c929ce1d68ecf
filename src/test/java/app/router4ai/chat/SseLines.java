package app.router4ai.chat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reading SSE bodies in tests. */
public final class SseLines {

    private SseLines() {
    }

    /** The data field of every event, in order. */
    public static List<String> data(String body) {
        List<String> data = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
            }
        }
        return data;
    }

    /** One event: its {@code event:} name (null when it has none) and its data lines joined. */
    public record Event(String name, String data) {
    }

    /** Every event with data, in order. */
    public static List<Event> events(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (!data.isEmpty()) {
                events.add(new Event(name, data.toString()));
            }
        }
        return events;
    }

    /** When (ms since the request) each data event arrived. */
    public static List<Long> arrivalMillis(String baseUrl, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    arrivals.add((System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return arrivals;
    }
}
