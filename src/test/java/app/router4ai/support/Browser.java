package app.router4ai.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium through the system chromedriver, set up to start quickly and offline (a
 * fresh profile, no background networking, no component updates). Screenshots go to target/screenshots.
 */
public final class Browser {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    public static ChromeDriver start() {
        try {
            Path profile = Files.createTempDirectory("router4ai-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BrowserAvailable.CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--user-data-dir=" + profile, "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(BrowserAvailable.CHROMEDRIVER.toString()))
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the whole page (as tall as its content) as target/screenshots/{name}.png. */
    public static Path screenshot(ChromeDriver driver, String name) {
        Dimension window = driver.manage().window().getSize();
        try {
            Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(Math.max(height.intValue() + 140, 600), 4000)));
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }
}
