package app.router4ai.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Argon2id through password4j. Parameters default to OWASP's minimum (19 MiB, 2 passes, 1 lane), paid once
 * per key per instance thanks to {@link VerifiedKeyCache}. At most {@code max-concurrent} hashes run at once
 * (each holds its memory cost); the others wait their turn.
 */
@Component
public class KeyHasher {

    private final Argon2Function argon2;
    private final Semaphore running;
    private final AtomicLong verifications = new AtomicLong();
    private volatile String decoy;

    public KeyHasher(Settings settings) {
        this.argon2 = Argon2Function.getInstance(settings.memoryKib(), settings.iterations(), settings.parallelism(), 32, Argon2.ID);
        this.running = new Semaphore(settings.maxConcurrent() > 0 ? settings.maxConcurrent()
                : Math.max(2, Runtime.getRuntime().availableProcessors()), true);
    }

    public String hash(String key) {
        running.acquireUninterruptibly();
        try {
            return Password.hash(key).addRandomSalt(16).with(argon2).getResult();
        } finally {
            running.release();
        }
    }

    public boolean verify(String key, String hash) {
        verifications.incrementAndGet();
        running.acquireUninterruptibly();
        try {
            return Password.check(key, hash).with(Argon2Function.getInstanceFromHash(hash));
        } finally {
            running.release();
        }
    }

    /**
     * A hash no key matches, made with the configured cost: what a key whose id does not exist is verified
     * against, so that it costs what a wrong secret for a real id costs.
     */
    public String decoyHash() {
        String hash = decoy;
        if (hash == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            hash = hash(Base64.getEncoder().encodeToString(random));
            decoy = hash;   // two first callers may each make one: harmless
        }
        return hash;
    }

    /** How many Argon2 verifications this instance ran: lets tests prove the cheap paths skip it. */
    public long verifications() {
        return verifications.get();
    }

    /**
     * {@code router.keys.argon2.*}
     *
     * @param memoryKib     memory cost per hash
     * @param iterations    passes over that memory
     * @param parallelism   lanes
     * @param maxConcurrent hashes running at once at most (0: the number of processors, at least 2)
     */
    @ConfigurationProperties("router.keys.argon2")
    public record Settings(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
                           @DefaultValue("1") int parallelism, @DefaultValue("0") int maxConcurrent) {
    }
}
