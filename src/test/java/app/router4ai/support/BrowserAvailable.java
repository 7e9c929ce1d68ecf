package app.router4ai.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link BrowserTest}. */
public class BrowserAvailable implements ExecutionCondition {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
        }
        String why = "No " + (Files.isExecutable(CHROMIUM) ? CHROMEDRIVER : CHROMIUM) + ": browser tests skipped. Install them with"
                + " 'apt-get install chromium chromium-driver'.";
        if ("true".equalsIgnoreCase(System.getenv("ROUTER_REQUIRE_BROWSER"))) {
            throw new IllegalStateException(why + " ROUTER_REQUIRE_BROWSER=true makes this a failure.");
        }
        return ConditionEvaluationResult.disabled(why);
    }
}
