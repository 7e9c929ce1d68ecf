package app.router4ai.dashboard;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Spring Security guards the dashboard's pages and nothing else. The API ({@code /v1/**}), the admin
 * API, {@code /actuator/**} and {@code /demo/**} keep their own authentication: Spring Security's
 * servlet filter is registered for the dashboard's URLs only, so those requests never meet it (no
 * session, no CSRF check, no redirect, no firewall, no extra headers). Pages need a signed-in user;
 * every form carries a CSRF token; sign-in failures are throttled ({@link ThrottledSignIn}).
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

    /** Servlet URL patterns of the pages (the security filter's mapping). */
    static final String[] FILTERED_URLS = {"/", "/app/*", "/login", "/signup", "/logout", "/billing"};
    /** The same, as Spring Security request matchers. */
    static final String[] PAGES = {"/", "/app/**", "/login", "/signup", "/logout", "/billing"};

    /** The pages' CSP; {@code form-action} also names where the Billing forms redirect to (Stripe). */
    static String csp(List<String> billingRedirectOrigins) {
        String formAction = String.join(" ", java.util.stream.Stream.concat(java.util.stream.Stream.of("'self'"),
                billingRedirectOrigins.stream().map(String::trim)
                        .filter(origin -> origin.matches("[^\\s;,']+"))).toList());
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action " + formAction
                + "; frame-ancestors 'none'";
    }

    @Bean
    SecurityFilterChain dashboardPages(HttpSecurity http, ThrottledSignIn signIn, SecurityContextRepository sessions,
                                       DashboardSettings settings) throws Exception {
        ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setDefaultFailureUrl("/login?error");
        failures.setExceptionMappings(Map.of(ThrottledSignIn.TooManyAttempts.class.getName(), "/login?locked"));
        return http
                .securityMatcher(PAGES)
                .authenticationManager(new ProviderManager(signIn))
                .securityContext(context -> context.securityContextRepository(sessions))
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/login", "/signup").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/app/keys")
                        .failureHandler(failures)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedout").permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(csp(settings.billingRedirectOrigins())))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** Where a session's sign-in is kept; sign-up saves the new user's there too. */
    @Bean
    SecurityContextRepository dashboardSessions() {
        return new HttpSessionSecurityContextRepository();
    }

    /** Narrows Spring Boot's registration of the security filter (normally "/*") to the dashboard's pages. */
    @Bean
    static BeanPostProcessor dashboardOnlySecurityFilter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                // Spring Boot's SecurityFilterAutoConfiguration registers it under this bean name.
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && "securityFilterChainRegistration".equals(name)) {
                    registration.setUrlPatterns(List.of(FILTERED_URLS));
                }
                return bean;
            }
        };
    }
}
