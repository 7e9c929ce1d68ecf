package app.router4ai.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import org.springframework.stereotype.Component;

/**
 * Argon2id for dashboard passwords, with the same cost as key hashes ({@code router.keys.argon2.*},
 * OWASP's minimum for passwords). Separate from {@link KeyHasher} so its verification count stays about keys.
 */
@Component
public class PasswordHasher {

    private final Argon2Function argon2;

    public PasswordHasher(KeyHasher.Settings settings) {
        this.argon2 = Argon2Function.getInstance(settings.memoryKib(), settings.iterations(), settings.parallelism(), 32, Argon2.ID);
    }

    public String hash(CharSequence password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    public boolean verify(CharSequence password, String hash) {
        return hash != null && Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }
}
