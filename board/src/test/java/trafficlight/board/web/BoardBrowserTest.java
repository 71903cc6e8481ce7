package trafficlight.board.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import trafficlight.board.BoardFixture;
import trafficlight.board.Chromium;
import trafficlight.board.DeployedGates;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.DeployRecord;

/**
 * The board in a real browser: Debian's headless Chromium driven by Selenium against localhub.
 * Skipped only when chromium or chromedriver is absent ({@code .ci/run} installs both).
 */
class BoardBrowserTest {

  @TempDir Path profile;
  @AutoClose BoardFixture f;

  @AutoClose("quit")
  ChromeDriver browser;

  WebDriverWait wait;

  @BeforeEach
  void start() {
    Chromium.assumeInstalled();
    f = new BoardFixture();
    browser = Chromium.start(profile, "1280,760");
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  WebElement cell(String id) {
    return browser.findElement(By.id("cell-" + id));
  }

  void waitLight(String id, String light) {
    wait.until(ExpectedConditions.attributeToBe(By.id("cell-" + id), "data-light", light));
  }

  @Test
  void lightsSearchPromoteAndAScreenshot() throws Exception {
    BoardServer s = f.start(true);
    browser.get(s.url() + "/");

    // the seeded chain's lights
    waitLight("myapp-qa", "amber");
    assertThat(cell("myapp-ci").getAttribute("data-light")).isEqualTo("green");
    assertThat(cell("myapp-production").getAttribute("data-light")).isEqualTo("grey");
    assertThat(cell("billing-ci").getAttribute("data-light")).isEqualTo("amber");
    assertThat(cell("myapp-qa").getText())
        .contains("waiting")
        .contains("2 builds")
        .contains("deploy-qa #4");
    assertThat(cell("myapp-ci").getText()).contains("closed by bob");
    assertThat(cell("myapp-qa").findElement(By.cssSelector("a.build")).getAttribute("href"))
        .isEqualTo("https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/4");
    assertThat(cell("myapp-qa").findElement(By.cssSelector("a.issue")).getText())
        .isEqualTo("#" + f.seeded.qa());
    assertThat(cell("myapp-ci").findElements(By.cssSelector("a.promote"))).isEmpty();

    // the commit search finds the stages
    browser.findElement(By.id("commit")).sendKeys("bbbbbbb");
    browser.findElement(By.id("find")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("where-myapp-production")));
    assertThat(browser.findElement(By.id("where-myapp-qa")).getText())
        .contains("deployed 2026-11-20 08:52 UTC by deploy-qa #4");
    assertThat(browser.findElement(By.id("where-myapp-production")).getText())
        .contains("not yet: close #" + f.seeded.qa());
    assertThat(cell("myapp-qa").getAttribute("class")).contains("found");
    assertThat(cell("myapp-production").getAttribute("class")).contains("pending");

    screenshot("board.png");

    // Promote: a confirmation step, then the light changes
    cell("myapp-qa").findElement(By.cssSelector("a.promote")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
    assertThat(browser.findElement(By.id("confirm-text")).getText())
        .contains("This closes #" + f.seeded.qa())
        .contains("2 builds");
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");
    assertThat(browser.findElement(By.id("as")).getText())
        .isEqualTo("The board's own token closes the issue.");
    browser.findElement(By.id("confirm")).click();

    waitLight("myapp-qa", "green");
    assertThat(browser.findElement(By.id("flash")).getText())
        .isEqualTo("Promoted myapp QA to Production: closed #" + f.seeded.qa());
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("closed");
    assertThat(cell("myapp-qa").findElements(By.cssSelector("a.promote"))).isEmpty();
    assertThat(cell("billing-ci").findElements(By.cssSelector("a.promote"))).hasSize(1);
  }

  /** The README's pictures: {@link Chromium#screenshot}. */
  void screenshot(String name) throws Exception {
    Chromium.screenshot(browser, name);
  }

  /** A board with sign-in, where only {@code approver} may promote myapp's QA. */
  BoardServer signInBoard(String approver) throws Exception {
    ApprovalRule rule = ApprovalRule.of(List.of(approver), false);
    return f.startWithSignIn(
        stage -> stage.shortName().equals("QA") ? Optional.of(rule) : Optional.empty(), null);
  }

  /** Signs in on localhub's authorize page as {@code login}; back on the board afterwards. */
  void signInAs(BoardServer s, String login) {
    browser.findElement(By.id("signin")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
    assertThat(browser.getCurrentUrl())
        .startsWith(f.gates.hub.baseUrl() + "/login/oauth/authorize");
    browser.findElement(By.id("login")).sendKeys(login);
    browser.findElement(By.id("authorize")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as")));
    assertThat(browser.getCurrentUrl()).isEqualTo(s.url() + "/");
    assertThat(browser.findElement(By.id("signed-in-as")).getText())
        .isEqualTo("Signed in as " + login);
  }

  /** {@code login} signed in on a board where only alice may promote myapp's QA, its light read. */
  BoardServer signedInBoard(String login) throws Exception {
    BoardServer s = signInBoard("alice");
    browser.get(s.url() + "/");
    waitLight("myapp-qa", "amber");
    signInAs(s, login);
    return s;
  }

  /** Opens myapp QA's Promote dialog once the cell offers it. */
  void openPromote() {
    wait.until(
        ExpectedConditions.presenceOfNestedElementLocatedBy(
            By.id("cell-myapp-qa"), By.cssSelector("a.promote")));
    cell("myapp-qa").findElement(By.cssSelector("a.promote")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
  }

  @Test
  void signedInAsAnApproverPromoteClosesTheIssueAsThatPerson() throws Exception {
    BoardServer s = signInBoard("alice");
    browser.get(s.url() + "/");
    waitLight("myapp-qa", "amber");
    assertThat(cell("myapp-qa").findElements(By.cssSelector("a.promote")))
        .as("signed out: no Promote")
        .isEmpty();

    signInAs(s, "alice");
    openPromote();
    assertThat(browser.findElement(By.id("as")).getText())
        .isEqualTo("You close it as alice, with your GitHub account.");
    assertThat(browser.findElements(By.id("by"))).as("no typed name").isEmpty();
    browser.findElement(By.id("confirm")).click();

    waitLight("myapp-qa", "green");
    assertThat(browser.findElement(By.id("flash")).getText())
        .isEqualTo("Promoted myapp QA to Production: closed #" + f.seeded.qa() + " (as alice)");
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).closedBy()).isEqualTo("alice");
    assertThat(browser.getPageSource()).doesNotContain("gho_");

    browser.findElement(By.id("signout")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
    assertThat(s.sessionCount()).isZero();
  }

  @Test
  void anApproverPicksTheOlderBuildInTheDialogAndThatIsWhatTheNextStageApproves() throws Exception {
    // alice is a private member of the organization: GitHub calls her NONE, and her own pick,
    // written before her close, counts all the same
    f.gates.hub.addOrgMember("acme", "alice");
    String older = DeployedGates.sha('a');
    BoardServer s = signedInBoard("alice");
    openPromote();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("builds")));
    assertThat(browser.findElement(By.id("build-0")).isSelected()).as("the newest").isTrue();
    assertThat(browser.findElement(By.cssSelector("label[for=build-0]")).getText())
        .startsWith("deploy-qa #4 bbbbbbb Fix the login page");
    assertThat(browser.findElement(By.cssSelector("label[for=build-1]")).getText())
        .startsWith("deploy-qa #3 aaaaaaa Add the login page");
    browser.findElement(By.cssSelector("label[for=build-1]")).click();
    assertThat(browser.findElement(By.id("build-1")).isSelected()).isTrue();
    browser.findElement(By.id("confirm")).click();

    waitLight("myapp-qa", "green");
    assertThat(browser.findElement(By.id("flash")).getText())
        .isEqualTo(
            "Promoted myapp QA to Production: closed #"
                + f.seeded.qa()
                + " (as alice), approving deploy-qa #3 aaaaaaa");
    var issue = f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa());
    assertThat(issue.closedBy()).isEqualTo("alice");
    var comment = issue.comments().get(issue.comments().size() - 1);
    assertThat(comment.user()).isEqualTo("alice");
    assertThat(comment.body()).startsWith("/promote " + older + "\n");

    // the next stage's real get consumes the issue; the cell says what it approved
    f.gates.hub.clock().advance(Duration.ofMinutes(2));
    f.gates.promote("myapp", "QA", "1");
    s.refresh();
    browser.get(s.url() + "/");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("cell-myapp-qa"), "approved deploy-qa #3 aaaaaaa"));
    assertThat(cell("myapp-qa").getText()).contains("closed by alice").doesNotContain("ignored");
  }

  @Test
  void anOutsidersPickIsIgnoredAndTheCellSaysSo() throws Exception {
    f.gates.hub.addComment(
        BoardFixture.REPO, f.seeded.qa(), "mallory", "/promote " + DeployedGates.sha('a'));
    BoardServer s = signedInBoard("alice");
    openPromote();
    browser.findElement(By.id("confirm")).click(); // the newest, as preselected
    waitLight("myapp-qa", "green");

    f.gates.hub.clock().advance(Duration.ofMinutes(2));
    Path get = f.gates.promote("myapp", "QA", "1");
    assertThat(Files.readString(get.resolve("commit")).strip()).isEqualTo(DeployedGates.sha('b'));
    s.refresh();
    browser.get(s.url() + "/");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("cell-myapp-qa"), "ignored `/promote aaaaaaa"));
    assertThat(cell("myapp-qa").findElement(By.cssSelector("span.ignored")).getText())
        .endsWith("by mallory (not allowed to promote); deploying the newest build `bbbbbbb`");
  }

  @Test
  void withoutSignInTheBoardsOwnTokenPicksAsItsAccountAndThatPickShips() throws Exception {
    f.gates.hub.addOrgMember("acme", "bob"); // GitHub calls bob NONE
    BoardServer s = f.startAs("bob");
    browser.get(s.url() + "/");
    waitLight("myapp-qa", "amber");
    cell("myapp-qa").findElement(By.cssSelector("a.promote")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("builds")));
    browser.findElement(By.cssSelector("label[for=build-1]")).click();
    browser.findElement(By.id("confirm")).click();
    waitLight("myapp-qa", "green");
    var issue = f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa());
    assertThat(issue.closedBy()).isEqualTo("bob");

    f.gates.hub.clock().advance(Duration.ofMinutes(2));
    Path get = f.gates.promote("myapp", "QA", "1");
    assertThat(Files.readString(get.resolve("commit")).strip()).isEqualTo(DeployedGates.sha('a'));
  }

  /**
   * The pipeline (ci-bot) records on myapp QA's issue its build 5 of commit c, whose page is {@code
   * buildUrl}, with the approvers {@code rule} (null: none).
   */
  void recordOnQa(String buildUrl, DeployRecord.Rule rule) {
    DeployRecord record =
        new DeployRecord(
            new DeployRecord.Change(DeployedGates.sha('c'), "Tidy the login page", null, null),
            new DeployRecord.Build("5", "deploy-qa", "myapp", buildUrl),
            "Production",
            rule,
            null);
    f.gates.hub.addComment(BoardFixture.REPO, f.seeded.qa(), "ci-bot", record.render());
  }

  @Test
  void withoutSignInTheBoardRefusesAPromotionItsAccountsCloseWouldNotCount() throws Exception {
    // the pipeline's newest record names the rule: only alice may promote QA
    recordOnQa(
        "https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/5",
        new DeployRecord.Rule(List.of("alice"), false));
    BoardServer s = f.startAs("bob");
    browser.get(s.url() + "/");
    waitLight("myapp-qa", "amber");
    cell("myapp-qa").findElement(By.cssSelector("a.promote")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("main"), "bob may not promote to Production (approvers: alice)"));
    assertThat(browser.findElements(By.id("confirm"))).isEmpty();
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");
  }

  @Test
  void aForgedRecordInAnOutsidersCommentShowsNeitherItsBuildNorItsRule() throws Exception {
    String forged = "9".repeat(40);
    f.gates.hub.addComment(
        BoardFixture.REPO,
        f.seeded.qa(),
        "mallory",
        "Deployed."
            + new DeployRecord(
                    new DeployRecord.Change(forged, "Totally harmless", null, List.of()),
                    new DeployRecord.Build("99", "deploy-qa", "myapp", "javascript:alert(1)"),
                    "Production",
                    new DeployRecord.Rule(List.of("mallory"), false),
                    null)
                .render());
    BoardServer s = f.start(true);
    browser.get(s.url() + "/");
    waitLight("myapp-qa", "amber");
    assertThat(cell("myapp-qa").getText()).contains("2 builds").doesNotContain("9999999");
    cell("myapp-qa").findElement(By.cssSelector("a.promote")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("builds")));
    assertThat(browser.findElement(By.id("builds")).getText())
        .doesNotContain("9999999")
        .doesNotContain("mallory");
    assertThat(browser.findElement(By.cssSelector("label[for=build-0]")).getText())
        .startsWith("deploy-qa #4 bbbbbbb");
    browser.get(s.url() + "/api/board");
    assertThat(browser.getPageSource())
        .doesNotContain("9999999")
        .doesNotContain("mallory")
        .doesNotContain("javascript:");

    // alice closes: the next stage pins the newest build the pipeline recorded
    f.gates.hub.closeIssue(BoardFixture.REPO, f.seeded.qa(), "alice");
    f.gates.hub.clock().advance(Duration.ofMinutes(2));
    Path get = f.gates.promote("myapp", "QA", "1");
    assertThat(Files.readString(get.resolve("commit")).strip()).isEqualTo(DeployedGates.sha('b'));
  }

  @Test
  void aBuildUrlThatIsNoWebLinkIsShownAsTextAndTheApiHandsOutNoSuchLink() throws Exception {
    // even the pipeline's own record: a javascript: URL never becomes a link
    recordOnQa("javascript:alert(document.domain)", null);
    BoardServer s = f.start(false);
    browser.get(s.url() + "/");
    waitLight("myapp-qa", "amber");
    assertThat(cell("myapp-qa").getText()).contains("deploy-qa #5");
    assertThat(cell("myapp-qa").findElements(By.cssSelector("a.build"))).isEmpty();
    for (WebElement link : browser.findElements(By.cssSelector("a[href]"))) {
      assertThat(link.getAttribute("href")).doesNotStartWithIgnoringCase("javascript:");
    }
    browser.get(s.url() + "/api/board");
    String api = browser.findElement(By.tagName("body")).getText();
    assertThat(api).doesNotContain("javascript:");
    java.util.regex.Matcher urls =
        java.util.regex.Pattern.compile("\"(\\w+_url)\"\\s*:\\s*\"([^\"]*)\"").matcher(api);
    int links = 0;
    while (urls.find()) {
      assertThat(urls.group(2)).as(urls.group(1)).matches("https?://.+");
      links++;
    }
    assertThat(links).isPositive();
  }

  @Test
  void signedInAsSomeoneElseThereIsNoPromoteAndAForgedPostIsRefused() throws Exception {
    f.gates.hub.createUser("dana");
    BoardServer s = signedInBoard("dana");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("cell-myapp-qa"), "dana may not promote to Production (approvers: alice)"));
    assertThat(cell("myapp-qa").findElements(By.cssSelector("a.promote"))).isEmpty();
    screenshot("board-signed-in.png");

    // a POST made in this signed-in page, with the session's CSRF token from the sign-out form
    Object status =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const csrf = document.querySelector('#account input[name=csrf]').value;"
                + "fetch('/promote', {method: 'POST', headers: {'Content-Type':"
                + " 'application/x-www-form-urlencoded'}, body: 'csrf=' + encodeURIComponent(csrf)"
                + " + '&project=myapp&stage=applications.myapp.QA&issue=' + arguments[0]})"
                + ".then(r => done(r.status), e => done(String(e)));",
            f.seeded.qa());
    assertThat(status).isEqualTo(403L);
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");
  }
}
