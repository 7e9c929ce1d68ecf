package app.router4ai.responses;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Ids in the shapes OpenAI gives them: {@code resp_}, {@code msg_}, {@code fc_}, {@code call_} and 48 hex digits. */
final class ResponseIds {

    private ResponseIds() {
    }

    static String next(String prefix) {
        byte[] random = new byte[24];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }

    static String response() {
        return next("resp_");
    }

    static String message() {
        return next("msg_");
    }

    static String reasoning() {
        return next("rs_");
    }

    static String functionCall() {
        return next("fc_");
    }
}
