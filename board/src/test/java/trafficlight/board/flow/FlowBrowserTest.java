package trafficlight.board.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import trafficlight.board.DeployedGates;
import trafficlight.board.GateReader;
import trafficlight.board.web.BoardServer;
import trafficlight.gate.TitleFormat;
import trafficlight.github.GitHubClient;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.RepositoryName;

/**
 * The flow view in Debian's headless Chromium, as the board's browser test drives it: a month of
 * myapp's deploys written by the real resource, its QA gate left open for four days. Skipped only
 * when chromium or chromedriver is absent.
 */
class FlowBrowserTest {

  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

  @TempDir Path profile;
  FlowGates flow;
  GitHubClient github;
  BoardServer server;
  ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
        "skipped: the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER);
    flow = new FlowGates();
    history();
    github = flow.client(new MemoryResponseCache(1000));
    GateReader reader =
        new GateReader(
            github,
            RepositoryName.parse(DeployedGates.REPO),
            TitleFormat.defaultFormat(),
            20,
            Duration.ofMinutes(10),
            flow.gates.hub.clock());
    server =
        BoardServer.start(
            github,
            reader,
            flow.reader(github),
            new BoardServer.Config("127.0.0.1", 0, Duration.ofHours(1), false, m -> {}));
    server.refresh(); // the first flow read runs in the background; this one is done on return
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1100,720",
        "--user-data-dir=" + profile);
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build(),
            options);
  }

  /**
   * Four releases: each a few commits deployed to QA over a day or two, a close after hours or
   * days, the consuming get and Production's deploy; then a fifth waits at QA.
   */
  private void history() {
    long[] qaWaitHours = {5, 30, 3, 52};
    long[] promoteMinutes = {15, 40, 10, 25};
    int build = 1;
    for (int release = 0; release < 4; release++) {
      Instant start = flow.now();
      String first = flow.commit("Change " + release + "a", start.minus(Duration.ofHours(20)));
      int qa = flow.gates.deploy("myapp", "QA", String.valueOf(build++), first, "Change");
      flow.advance(Duration.ofHours(2));
      String second = flow.commit("Change " + release + "b", flow.now().minus(Duration.ofHours(1)));
      flow.gates.deploy("myapp", "QA", String.valueOf(build++), second, "Change");
      flow.advance(Duration.ofHours(qaWaitHours[release]));
      flow.gates.hub.closeIssue(DeployedGates.REPO, qa, "alice");
      flow.advance(Duration.ofMinutes(promoteMinutes[release]));
      flow.gates.promote("myapp", "QA", String.valueOf(release + 1));
      flow.gates.deploy("myapp", "Production", String.valueOf(release + 1), second, "Change");
      flow.advance(Duration.ofDays(2));
    }
    String waiting = flow.commit("Search the shop", flow.now().minus(Duration.ofHours(3)));
    flow.gates.deploy("myapp", "QA", String.valueOf(build), waiting, "Search the shop");
    flow.advance(Duration.ofDays(4).plusHours(2));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (github != null) {
      github.close();
    }
    if (flow != null) {
      flow.close();
    }
  }

  @Test
  void theChartShowsWaitsAndLeadTimesPerStageWithTheStuckGateFirst() throws Exception {
    browser.get(server.url() + "/flow?project=myapp");

    WebElement stuck = browser.findElement(By.cssSelector("#stuck li.stuck"));
    assertThat(stuck.getText()).startsWith("QA: waiting 4d 2h (stuck)");
    Object stuckBeforeChart =
        browser.executeScript(
            "return (document.getElementById('stuck').compareDocumentPosition("
                + "document.getElementById('chart')) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0");
    assertThat(stuckBeforeChart).isEqualTo(true);

    WebElement chart = browser.findElement(By.cssSelector("figure#chart svg"));
    assertThat(chart.getSize().getWidth()).isGreaterThan(600);
    WebElement qaWait =
        chart.findElement(By.cssSelector("g.stage[data-stage='QA'] g.gate-wait rect:last-of-type"));
    WebElement qaLead =
        chart.findElement(By.cssSelector("g.stage[data-stage='QA'] g.lead-time rect:last-of-type"));
    WebElement productionLead =
        chart.findElement(
            By.cssSelector("g.stage[data-stage='Production'] g.lead-time rect:last-of-type"));
    // drawn to scale: QA's median wait (7 h) reaches beyond its median lead time (1 h), and
    // Production's lead time, which includes QA's wait, beyond QA's
    assertThat(qaWait.getSize().getWidth()).isGreaterThan(qaLead.getSize().getWidth());
    assertThat(productionLead.getSize().getWidth()).isGreaterThan(qaLead.getSize().getWidth());
    assertThat(chart.findElements(By.cssSelector("g.stage[data-stage='QA'] g.open-gate")).size())
        .isEqualTo(1);
    assertThat(chart.findElements(By.cssSelector("g.stage[data-stage='Production'] g.gate-wait")))
        .isEmpty();
    assertThat(browser.findElement(By.cssSelector("#figures tr[data-stage='QA']")).getText())
        .contains("QA 9");

    screenshot("flow.png");
  }

  /** As the board's browser test: docs/NAME only with {@code -Dtrafficlight.screenshots=docs}. */
  void screenshot(String name) throws Exception {
    Path root =
        "docs".equals(System.getProperty("trafficlight.screenshots"))
            ? Path.of(System.getProperty("trafficlight.root", "..")).resolve("docs")
            : Path.of("target", "screenshots");
    Files.createDirectories(root);
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), root.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
