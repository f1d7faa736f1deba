package dev.captchagate.trustcaptcha.demo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium through Debian's chromedriver: never a downloaded browser, never Selenium Manager. The
 * flags keep the browser itself from contacting any host but 127.0.0.1 and localhost.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why there is no browser, naming the Debian packages; empty when Chromium and its driver are installed. */
    static Optional<String> missing() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute() ? Optional.empty()
                : Optional.of("needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian packages chromium and chromium-driver: apt-get install chromium chromium-driver)");
    }

    /** Skips the calling test, naming the packages, when Chromium or its driver is not installed. */
    static void assumeInstalled() {
        Optional<String> missing = missing();
        assumeTrue(missing.isEmpty(), missing.orElse(""));
    }

    /** Starts Chromium with a fresh profile in {@code target}. */
    static Browser start() {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory(Path.of(System.getProperty("it.build.dir", "target")),
                    "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--disable-features=AutofillServerCommunication",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
                "--window-size=1200,1400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover profile in target is harmless
            }
        }
    }
}
