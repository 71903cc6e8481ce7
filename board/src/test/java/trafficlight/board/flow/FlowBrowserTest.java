package trafficlight.board.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import trafficlight.board.Chromium;
import trafficlight.board.DeployedGates;
import trafficlight.board.web.BoardServer;

/**
 * The flow view in Debian's headless Chromium, as the board's browser test drives it: a month of
 * myapp's deploys written by the real resource, its QA gate left open for four days. Skipped only
 * when chromium or chromedriver is absent.
 */
class FlowBrowserTest {

  @TempDir Path profile;
  @AutoClose FlowGates flow;
  BoardServer server;

  @AutoClose("quit")
  ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    Chromium.assumeInstalled();
    flow = new FlowGates();
    history();
    server = flow.startBoard();
    browser = Chromium.start(profile, "1100,720");
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

    Chromium.screenshot(browser, "flow.png");
  }
}
