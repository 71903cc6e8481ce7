package trafficlight.board;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, for the board's browser tests. A test is skipped
 * only when chromium or chromedriver is absent ({@code .ci/run} installs both).
 */
public final class Chromium {

  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

  private Chromium() {}

  /** Skips the calling test unless chromium and chromedriver are installed. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
        "skipped: the browser test needs "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver; .ci/run installs them)");
  }

  /**
   * A headless browser that keeps its profile in {@code profile} and talks to nothing but the test.
   *
   * @param windowSize {@code WIDTH,HEIGHT}, the size of its screenshots
   */
  public static ChromeDriver start(Path profile, String windowSize) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
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
        "--window-size=" + windowSize,
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    return new ChromeDriver(service, options);
  }

  /**
   * Saves what {@code browser} shows as {@code target/screenshots/NAME}, or as {@code docs/NAME}
   * with {@code -Dtrafficlight.screenshots=docs} (the pictures the docs show).
   */
  public static void screenshot(ChromeDriver browser, String name) throws IOException {
    Path root =
        "docs".equals(System.getProperty("trafficlight.screenshots"))
            ? Path.of(System.getProperty("trafficlight.root", "..")).resolve("docs")
            : Path.of("target", "screenshots");
    Files.createDirectories(root);
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), root.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
