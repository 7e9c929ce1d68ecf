package app.router4ai.budget;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock budget periods and ledger rows are dated by: UTC; tests replace it to cross a period's end. */
@Configuration(proxyBeanMethods = false)
class BudgetClock {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
