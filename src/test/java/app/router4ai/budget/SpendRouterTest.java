package app.router4ai.budget;

import app.router4ai.billing.BillingRouterTest;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** The billing test router with a clock the test can move (budget periods, key expiry, tokens per minute). */
@Import(SpendRouterTest.Clocks.class)
public abstract class SpendRouterTest extends BillingRouterTest {

    @TestConfiguration
    public static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @Autowired
    protected MutableClock clock;
    @Autowired
    protected SpendBook book;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    protected long used(String keyId) {
        Budget budget = book.budget(Budget.keySubject(keyId));
        return book.status(budget).usedTokens();
    }
}
