package app.router4ai.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class only where Debian's Chromium and chromedriver are installed
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}). Skipped with a message otherwise,
 * unless {@code ROUTER_REQUIRE_BROWSER=true} (CI), where that is a failure.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserAvailable.class)
public @interface BrowserTest {
}
