package app.router4ai.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.router4ai.support.RawHttp;
import app.router4ai.support.RouterTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a key guesser learns and what it costs the router. Every well-formed key that is not served from
 * memory costs exactly one Argon2 verification, whether its id exists, is revoked, or has a wrong secret:
 * the answer time says nothing about which ids exist. One address gets at most its failed-authentication
 * allowance of verifications, however many it sends at once. A key is compared exactly, also on a reused
 * connection. Each test speaks from an address of its own (X-Forwarded-For from the loopback proxy).
 */
class KeyCheckHardeningTest extends RouterTest {

    private static final String HELLO = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String XFF = "X-Forwarded-For";

    @Autowired
    KeyHasher hasher;

    @Test
    void unknownRevokedAndWrongSecretKeysCostTheSameOneVerification() {
        TenantKey tenant = newTenantKey();
        TenantKey revoked = newTenantKey();
        admin("DELETE", "/admin/v1/keys/" + revoked.keyId(), null, 204);
        String from = "203.0.113.21";

        long before = hasher.verifications();
        assertThat(chat("ram_live_zzzzzzzzzzzzzzzz_" + "A".repeat(43), HELLO, XFF, from).statusCode()).isEqualTo(401);
        assertThat(hasher.verifications()).as("unknown id").isEqualTo(before + 1);
        assertThat(chat("ram_live_" + tenant.keyId() + "_" + "B".repeat(43), HELLO, XFF, from).statusCode()).isEqualTo(401);
        assertThat(hasher.verifications()).as("wrong secret").isEqualTo(before + 2);
        assertThat(chat(revoked.key(), HELLO, XFF, from).statusCode()).isEqualTo(401);
        assertThat(hasher.verifications()).as("revoked").isEqualTo(before + 3);
        // not shaped like a key at all: nothing to look up, nothing to learn
        assertThat(chat("not-a-key", HELLO, XFF, from).statusCode()).isEqualTo(401);
        assertThat(hasher.verifications()).isEqualTo(before + 3);
        assertThat(OPENAI.received()).isEmpty();
    }

    @Test
    void manyGuessesAtOnceFromOneAddressRunNoMoreVerificationsThanItsAllowance() throws Exception {
        String from = "203.0.113.22";
        long before = hasher.verifications();
        long started = System.nanoTime();
        List<Callable<Integer>> guesses = IntStream.range(0, 40).<Callable<Integer>>mapToObj(i -> () ->
                chat("ram_live_" + "%016d".formatted(i) + "_" + "C".repeat(43), HELLO, XFF, from).statusCode()).toList();
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            statuses = pool.invokeAll(guesses).stream().map(KeyCheckHardeningTest::join).toList();
        }
        long elapsedSeconds = (System.nanoTime() - started) / 1_000_000_000L + 1;

        long refused = statuses.stream().filter(s -> s == 401).count();
        assertThat(statuses).containsOnly(401, 429);
        // every 401 ran one verification, every 429 none
        assertThat(hasher.verifications() - before).isEqualTo(refused);
        // max-failures (20) a minute, refilling one every 3 s: the allowance is taken before Argon2 runs, so
        // guesses sent at once cannot all pass the check before the first of them fails
        assertThat(refused).isLessThanOrEqualTo(20 + elapsedSeconds / 3);
    }

    @Test
    void aFreshKeysFirstUseDoesNotSpendTheAddresssAllowance() {
        String from = "203.0.113.23";
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> first = chat(newTenantKey().key(), HELLO, XFF, from);
            assertThat(first.statusCode()).as("key %d: %s", i, first.body()).isEqualTo(200);
        }
    }

    @Test
    void aKeyIsComparedExactlyOnAReusedConnection() {
        TenantKey tenant = newTenantKey();
        String key = tenant.key();
        int secret = key.lastIndexOf('_') + 1;
        String otherCase = key.substring(0, secret) + swapCase(key.substring(secret));
        try (RawHttp connection = new RawHttp(port)) {
            assertThat(connection.send(models(key)).read().status()).isEqualTo(200);
            assertThat(connection.send(models(otherCase)).read().status()).isEqualTo(401);
            assertThat(connection.send(models(key)).read().status()).isEqualTo(200);
        }
        assertThat(RawHttp.exchange(port, models(otherCase)).status()).isEqualTo(401);
    }

    private static String models(String key) {
        return "GET /v1/models HTTP/1.1\r\nHost: router.test\r\nX-Forwarded-For: 203.0.113.24\r\nAuthorization: Bearer "
                + key + "\r\n\r\n";
    }

    private static int join(Future<Integer> status) {
        try {
            return status.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String swapCase(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        if (out.toString().equals(text)) {
            throw new IllegalStateException("no letters to swap in " + text);
        }
        return out.toString();
    }
}
