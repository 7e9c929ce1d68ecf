package app.router4ai.call;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids as time-ordered UUIDs (version 7, RFC 9562: 48 bits of Unix milliseconds, then 74 random bits).
 * The ledger's unique index on request_id then grows at its end like a sequence, where random (version 4) ids
 * touched a random page of an ever larger index for every row. Ids need to be unique, not secret: the random
 * bits come from {@link ThreadLocalRandom}, not a lock-guarded {@code SecureRandom}.
 */
final class RequestIds {

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = System.currentTimeMillis() << 16 | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
