package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through its chromedriver: the installed browser (Debian's
 * {@code chromium} and {@code chromium-driver}, or {@code CHROME_BIN} and {@code CHROMEDRIVER}),
 * never one downloaded at test time. Reads the browser's console log, so a test can require that
 * a page logged no error, and takes screenshots for docs/console.md.
 */
final class Browser implements AutoCloseable {

    static final String SCREENSHOTS_UPDATE = "console.screenshots.update";

    private static final Path CHROME = Path.of(envOr("CHROME_BIN", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(envOr("CHROMEDRIVER", "/usr/bin/chromedriver"));
    // a failed request the page showed as a problem on purpose: Chromium logs it as an error too
    private static final Pattern FAILED_REQUEST = Pattern.compile("the server responded with a status of (\\d{3})");

    private final ChromeDriver driver;
    private final Path profile;
    private final String origin;

    /** Why no browser can run here, if none can. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(CHROME) || !Files.isExecutable(DRIVER)) {
            return Optional.of("No Chromium at " + CHROME + " with its chromedriver at " + DRIVER
                    + ": the console's browser tests are skipped. Install them (Debian: apt-get install chromium"
                    + " chromium-driver), or set CHROME_BIN and CHROMEDRIVER.");
        }
        return Optional.empty();
    }

    Browser(int port) {
        try {
            profile = Files.createTempDirectory("console-browser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        origin = "http://localhost:" + port;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROME.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // root in CI
                "--disable-gpu",
                "--disable-dev-shm-usage",
                // this machine's network is closed: no calls home, each of which would fail
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1440,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    void open(String hash) {
        driver.get(origin + "/console/" + hash);
    }

    /** Closes the tab and opens a new one: what the last held (its session storage) is gone. */
    void newTab() {
        String old = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        driver.switchTo().window(old).close();
        driver.switchTo().window(fresh);
    }

    /** Moves within the page (the console's router), as a click on a link does. */
    void go(String hash) {
        ((JavascriptExecutor) driver).executeScript("window.location.hash = arguments[0]", hash);
    }

    /**
     * A wait that looks again when the element it had was drawn anew meanwhile (the console's
     * polled pages redraw every second or five).
     */
    private WebDriverWait waiting(Duration patience) {
        WebDriverWait wait = new WebDriverWait(driver, patience);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    WebElement await(By locator) {
        return waiting(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void awaitText(By locator, String text) {
        waiting(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void awaitAttribute(By locator, String attribute, String value) {
        waiting(Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(locator, attribute, value));
    }

    void awaitGone(By locator) {
        waiting(Duration.ofSeconds(30)).until(ExpectedConditions.invisibilityOfElementLocated(locator));
    }

    /** An attribute of the element as it is drawn now (read again if it was redrawn meanwhile). */
    String attribute(By locator, String attribute) {
        return waiting(Duration.ofSeconds(10))
                .until(browser -> browser.findElement(locator).getAttribute(attribute));
    }

    WebElement find(By locator) {
        return driver.findElement(locator);
    }

    List<WebElement> findAll(By locator) {
        return driver.findElements(locator);
    }

    void click(By locator) {
        waiting(Duration.ofSeconds(30)).until(browser -> {
            browser.findElement(locator).click();
            return true;
        });
    }

    void type(By locator, String text) {
        WebElement field = await(locator);
        field.clear();
        field.sendKeys(text);
    }

    /** Confirms the console's modal dialog. */
    void confirm() {
        click(By.id("confirm-yes"));
        waiting(Duration.ofSeconds(10)).until(ExpectedConditions.numberOfElementsToBe(By.id("confirm"), 0));
    }

    /** Signs in from the keyboard: the key typed, then Enter. */
    void signIn(String key) {
        type(By.id("api-key"), key);
        find(By.id("api-key")).sendKeys(Keys.ENTER);
    }

    /**
     * The form controls on the page that have no accessible name (no label, no aria-label, no
     * text): what a screen reader could not announce.
     */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) script("""
                return [...document.querySelectorAll('input, select, textarea, button, progress')]
                  .filter((e) => e.type !== 'hidden' && !e.closest('[hidden]'))
                  .filter((e) => !((e.labels && e.labels.length) || e.getAttribute('aria-label')
                    || e.getAttribute('aria-labelledby') || (e.tagName === 'BUTTON' && e.textContent.trim())))
                  .map((e) => e.outerHTML.slice(0, 160));
                """);
    }

    String currentHash() {
        return (String) ((JavascriptExecutor) driver).executeScript("return window.location.hash");
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Errors in the browser's console since the last call, but for failed requests with one of the
     * statuses given: those a test provoked, and which the page showed as problems.
     */
    List<String> errors(int... provoked) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(entry -> !provoked(entry, provoked))
                .map(LogEntry::getMessage)
                .toList();
    }

    void assertNoErrors(int... provoked) {
        assertThat(errors(provoked)).as("errors in the browser's console").isEmpty();
    }

    private static boolean provoked(LogEntry entry, int[] statuses) {
        var matcher = FAILED_REQUEST.matcher(entry.getMessage());
        if (!matcher.find()) {
            return false;
        }
        int status = Integer.parseInt(matcher.group(1));
        for (int provoked : statuses) {
            if (provoked == status) {
                return true;
            }
        }
        return false;
    }

    /**
     * A screenshot of the page, into {@code target/console-screenshots}; with
     * {@code -Dconsole.screenshots.update=true}, into docs/console/ as well (docs/console.md).
     */
    void screenshot(String name) {
        // the whole page, not only what the window shows
        Dimension window = driver.manage().window().getSize();
        long height = (Long) script("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(height + 140, 900)));
        try {
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Path target = Path.of("target", "console-screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean(SCREENSHOTS_UPDATE)) {
                // failsafe runs in the module's directory (app/); the docs are the repository's
                Path docs = Path.of("..", "docs", "console", name + ".png");
                Files.createDirectories(docs.getParent());
                Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }

    private static String envOr(String name, String fallback) {
        return Optional.ofNullable(System.getenv(name))
                .filter(v -> !v.isBlank())
                .orElse(fallback);
    }
}
