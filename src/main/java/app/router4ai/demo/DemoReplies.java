package app.router4ai.demo;

import java.util.ArrayList;
import java.util.List;

/** The demo providers' canned replies, cut into the pieces a stream sends (one word each, spaces kept). */
final class DemoReplies {

    private DemoReplies() {
    }

    static List<String> words(String reply) {
        String[] words = reply.split(" ");
        List<String> pieces = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            pieces.add((i == 0 ? "" : " ") + words[i]);
        }
        return pieces;
    }
}
