package app.router4ai.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Argon2id through password4j. Parameters default to OWASP's minimum (19 MiB, 2 passes, 1 lane):
 * ~50 ms here, paid once per key per instance thanks to {@link VerifiedKeyCache}.
 */
@Component
public class KeyHasher {

    private final Argon2Function argon2;
    private final AtomicLong verifications = new AtomicLong();

    public KeyHasher(Settings settings) {
        this.argon2 = Argon2Function.getInstance(settings.memoryKib(), settings.iterations(), settings.parallelism(), 32, Argon2.ID);
    }

    public String hash(String key) {
        return Password.hash(key).addRandomSalt(16).with(argon2).getResult();
    }

    public boolean verify(String key, String hash) {
        verifications.incrementAndGet();
        return Password.check(key, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** How many Argon2 verifications this instance ran: lets tests prove the cheap paths skip it. */
    public long verifications() {
        return verifications.get();
    }

    @ConfigurationProperties("router.keys.argon2")
    public record Settings(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
                           @DefaultValue("1") int parallelism) {
    }
}
