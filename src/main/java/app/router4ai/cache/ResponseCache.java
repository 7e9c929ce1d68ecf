package app.router4ai.cache;

import java.time.Duration;

/** Where cached answers live: this JVM (Caffeine) or Redis, shared by every instance. */
public interface ResponseCache {

    /** The stored bytes, or null on a miss (or when the store cannot be reached: a miss, never an error). */
    byte[] get(String key);

    void put(String key, byte[] value, Duration ttl);

    String backend();
}
