package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.contract.GitHubContract;
import trafficlight.gate.DeployRecord;
import trafficlight.localhub.RecordedRequest;

/**
 * {@code approvers} and {@code forbid_self_approval} against localhub: who closed a gate issue
 * decides whether check offers it and whether get consumes it.
 */
class ApprovalsTest extends AgainstLocalHub {

  static final String ORG = "acme";

  @TempDir Path tmpdir;

  /** 304s (conditional requests) and 403 (a team that cannot be read) are GitHub's, undescribed. */
  @Override
  GitHubContract contract() {
    return super.contract().allowingUndocumentedStatus(304, 403);
  }

  @BeforeEach
  void releaseTeam() {
    hub.addOrgMember(ORG, "ci-bot");
    hub.addTeamMember(ORG, "release", "carol");
  }

  Map<String, Object> guarded(Object... more) {
    Object[] keys = {"approvers", List.of("Alice", "@acme/release")};
    Object[] all = java.util.Arrays.copyOf(keys, keys.length + more.length);
    System.arraycopy(more, 0, all, keys.length, more.length);
    return trigger(all);
  }

  Run cachedCheck(Map<String, Object> source, Map<String, String> version) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", source);
    request.put("version", version);
    return run("check", request, Map.of("TMPDIR", tmpdir.toString()));
  }

  int closedBy(String login) {
    int number = open(TITLE, "pipeline-workflow");
    hub.closeIssue(REPO, number, login);
    tick();
    return number;
  }

  @Test
  void withoutApproversAnyCloseTriggersAndNobodyIsAsked() {
    int number = closedBy("mallory");
    hub.clearRequests();

    Run run = check(trigger(), null);

    assertThat(run.issueNumbers()).containsExactly((long) number);
    assertThat(hub.requestCount("issues/get")).isZero();
    assertThat(hub.requestCount("teams/get-membership-for-user-in-org")).isZero();
  }

  @Test
  void aListedApproversCloseTriggersWhateverTheCaseOfTheLogin() {
    int number = closedBy("alice");

    Run run = check(guarded(), null);

    assertThat(run.issueNumbers()).as(run.toString()).containsExactly((long) number);
    assertThat(hub.requestCount("teams/get-membership-for-user-in-org"))
        .as("a listed login needs no team lookup")
        .isZero();
    Run get = in(guarded(), run.versions().get(0), Map.of(), build("5"));
    assertThat(get.exit()).as(get.toString()).isZero();
    assertThat(hub.issue(REPO, number).title()).isEqualTo("[CONSUMED #5]" + TITLE);
  }

  @Test
  void aTeamMembersCloseTriggers() {
    int number = closedBy("carol");

    Run run = check(guarded(), null);

    assertThat(run.issueNumbers()).as(run.toString()).containsExactly((long) number);
    assertThat(hub.requestCount("teams/get-membership-for-user-in-org")).isEqualTo(1);
  }

  @Test
  void anOutsidersCloseNeverTriggersAndGetRefusesIt() {
    int approved = closedBy("alice");
    int outsider = closedBy("bob");

    Run run = check(guarded(), null);

    assertThat(run.issueNumbers()).as(run.toString()).containsExactly((long) approved);
    assertThat(run.stderr())
        .contains(
            "#"
                + outsider
                + " is not a go-ahead: closed by bob, who may not promote (approvers:"
                + " Alice, @acme/release)");
    Map<String, String> after = run.versions().get(0);
    assertThat(check(guarded(), after).versions()).containsExactly(after);

    Map<String, String> forged = new LinkedHashMap<>(after);
    forged.put("issue_number", Integer.toString(outsider));
    Run get = in(guarded(), forged, Map.of(), build("6"));
    assertFailedWithOneLine(
        get,
        "issue #"
            + outsider
            + " is not a go-ahead: closed by bob, who may not promote (approvers: Alice,"
            + " @acme/release); nothing was renamed");
    assertThat(hub.issue(REPO, outsider).title()).isEqualTo(TITLE);
    assertThat(Files.exists(work.resolve("get/gh_issue.json"))).isFalse();
  }

  @Test
  void aFormerOrInvitedTeamMembersCloseNeverTriggers() {
    hub.addTeamMember(ORG, "release", "dave");
    hub.removeTeamMember(ORG, "release", "dave");
    hub.inviteTeamMember(ORG, "release", "erin");
    closedBy("dave");
    closedBy("erin");

    Run run = check(guarded(), null);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.versions()).isEmpty();
    assertThat(run.stderr()).contains("closed by dave, who may not").contains("closed by erin");
  }

  @Test
  void theStageComesFromTheDeployRecord() {
    DeployRecord record =
        new DeployRecord(
            new DeployRecord.Change("a".repeat(40), "Fix", null, null),
            new DeployRecord.Build("7", "deploy-qa", "myapp", null),
            "Production",
            null,
            null);
    int number = hub.createIssue(REPO, TITLE, "body" + record.render(), List.of(), "ci-bot");
    tick();
    hub.closeIssue(REPO, number, "bob");
    tick();

    Run run = check(guarded(), null);

    assertThat(run.stderr()).contains("closed by bob, who may not promote to Production");
  }

  @Test
  void selfApprovalIsRefusedWhenTheRecordsNameTheCloser() {
    DeployRecord.Commit byErin = new DeployRecord.Commit("b".repeat(40), "Fix", "erin", "web-flow");
    DeployRecord record =
        new DeployRecord(
            new DeployRecord.Change("b".repeat(40), "Fix", "acme/app", List.of(byErin)),
            new DeployRecord.Build("7", "deploy-qa", "myapp", null),
            "Production",
            null,
            null);
    int own = hub.createIssue(REPO, TITLE, "body" + record.render(), List.of(), "ci-bot");
    tick();
    hub.closeIssue(REPO, own, "Erin");
    tick();
    Map<String, Object> source = trigger("forbid_self_approval", true);

    Run refused = check(source, null);
    assertThat(refused.versions()).as(refused.toString()).isEmpty();
    assertThat(refused.stderr())
        .contains(
            "closed by Erin, who may not promote to Production a change they wrote or committed"
                + " (bbbbbbb) (forbid_self_approval)");

    int other = hub.createIssue(REPO, TITLE, "body", List.of(), "ci-bot");
    hub.addComment(REPO, other, "ci-bot", "redeployed" + record.render());
    tick();
    hub.closeIssue(REPO, other, "alice");
    tick();
    Run allowed = check(source, null);
    assertThat(allowed.issueNumbers()).as(allowed.toString()).containsExactly((long) other);
  }

  @Test
  void aTeamThatCannotBeReadIsAnErrorOnEveryCheck() {
    hub.createRepo("other/gates");
    String outsider = hub.createToken("outside-bot");
    secrets.add(outsider);
    closedBy("carol");
    Map<String, Object> source = guarded("access_token", outsider);

    for (int i = 0; i < 2; i++) {
      Run run = cachedCheck(source, null);
      assertFailedWithOneLine(run, "answered 403 Resource not accessible by personal access token");
      assertThat(run.stderr()).contains("read:org").contains("Members: read");
    }
  }

  @Test
  void aMisspeltTeamIsAnErrorOnEveryCheckNamingTheTeamAndTheFix() {
    closedBy("carol");
    Map<String, Object> source = trigger("approvers", List.of("alice", "@acme/relase"));

    for (int i = 0; i < 2; i++) {
      Run run = cachedCheck(source, null);
      assertFailedWithOneLine(
          run,
          "there is no team acme/relase (GET /orgs/acme/teams/relase answered 404; GitHub answers"
              + " the same for a secret team the credentials cannot see): check the team's slug in"
              + " approvers, as it appears in the team's URL https://github.com/orgs/acme/teams/<slug>");
    }
  }

  @Test
  void theSteadyStateCheckMakesNoCountedRequest() {
    closedBy("alice");
    int carol = closedBy("carol");
    closedBy("bob");

    Run first = cachedCheck(guarded(), null);
    Map<String, String> latest = first.versions().get(0);
    Run second = cachedCheck(guarded(), latest);
    int beforeSteady = hub.requests().size();
    Run third = cachedCheck(guarded(), latest);
    Run fourth = cachedCheck(guarded(), latest);

    assertThat(first.issueNumbers()).as(first.toString()).containsExactly((long) carol);
    assertThat(fourth.stdout()).isEqualTo(third.stdout()).isEqualTo(second.stdout());
    List<RecordedRequest> steady = hub.requests().subList(beforeSteady, hub.requests().size());
    assertThat(steady)
        .extracting(RecordedRequest::operation)
        .containsExactly(
            "issues/list-for-repo", "issues/get", "issues/list-for-repo", "issues/get");
    assertThat(steady)
        .as("every request of an unchanged check is answered 304")
        .allSatisfy(r -> assertThat(r.status()).as(r.method() + " " + r.path()).isEqualTo(304));
  }
}
