package pe.centinela.alerts.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium and chromedriver driven by Selenium, headless and quiet on the network, nothing downloaded.
 * Missing binaries fail the test with the command that installs them.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("centinela.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("centinela.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Fails with the command that installs them when Chromium or its driver is missing. */
    public static void requireInstalled() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(
                        binary + " is missing: the web UI tests need Debian's chromium and chromium-driver;"
                                + " run scripts/install-chromium");
            }
        }
    }

    public static HeadlessChromium start(Path profile, Path screenshots) throws IOException {
        requireInstalled();
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1440,900",
                "--lang=es-PE",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        Files.createDirectories(screenshots);
        return new HeadlessChromium(new ChromeDriver(ChromeDriverService.createDefaultService(), options), screenshots);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The whole page, not only the window, as screenshots/name.png. */
    @SuppressWarnings("unchecked")
    public Path screenshot(String name) throws IOException {
        // from the top: scrolled, the sticky header would be drawn across the middle of the page
        driver.executeScript("window.scrollTo(0, 0)");
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.max(((Number) size.get("height")).doubleValue(), 900);
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    /** What the page wrote to its console since the last call: errors, CSP refusals, failed loads. */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString)
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
