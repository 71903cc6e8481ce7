package trafficlight.gate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.gate.Approver;
import trafficlight.gate.GateEvent;
import trafficlight.gate.IssueText;
import trafficlight.gate.Permission;
import trafficlight.gate.RepositoryAccess;
import trafficlight.gate.TeamMembership;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.GitHubException;
import trafficlight.github.RepositoryName;
import trafficlight.github.ResponseCache;
import trafficlight.github.RetryPolicy;
import trafficlight.localhub.Fault;
import trafficlight.localhub.FaultPolicy;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.MovableClock;
import trafficlight.localhub.RepoOptions;

/** Gate facts read through the GitHub client, against localhub over HTTP. */
class GateGitHubTest {

  static final RepositoryName GATES = RepositoryName.parse("acme/gates");
  static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  static final Approver.Team RELEASE = new Approver.Team("acme", "release");
  static final String PERMISSION = "repos/get-collaborator-permission-level";
  static final String MEMBERSHIP = "teams/get-membership-for-user-in-org";

  final List<String> log = new ArrayList<>();
  LocalHub hub;
  GitHubClient github;

  @BeforeEach
  void start() {
    hub = LocalHub.builder().clock(MovableClock.fixed(NOW)).start();
    hub.createRepo(GATES.toString(), RepoOptions.PRIVATE);
    hub.addCollaborator(GATES.toString(), "ci-bot");
    hub.addOrgMember("acme", "ci-bot"); // may read the org's teams
    hub.addOrgMember("acme", "alice");
    hub.grantRole(GATES.toString(), "alice", "triage");
    hub.createUser("mallory");
    hub.addTeamMember("acme", "release", "carol");
    hub.inviteTeamMember("acme", "release", "dave");
    github =
        new GitHubClient(
            GitHubEndpoint.parse(hub.baseUrl()),
            new Credentials.Token(hub.createToken("ci-bot")),
            Duration.ofSeconds(10),
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            log::add,
            ResponseCache.NONE);
  }

  @AfterEach
  void stop() {
    github.close();
    hub.close();
  }

  @Test
  void anIssueIsTheGateItsEventsNameAndItsBodyAndCommentsAreTextsWithTheirAuthors() {
    int number =
        hub.createIssue(GATES.toString(), "[bot] CI deployed.", "the body", List.of(), "ci-bot");
    hub.addComment(GATES.toString(), number, "ci-bot", "/promote abc");

    var issue = github.getIssue(GATES, number);
    var comments = github.listComments(GATES, number, null);

    assertThat(IssueGates.of(GATES, issue))
        .isEqualTo(new GateEvent.Gate("acme/gates", number, "[bot] CI deployed.", issue.htmlUrl()));
    assertThat(issue.htmlUrl()).endsWith("/acme/gates/issues/" + number);
    assertThat(IssueTexts.body(issue)).isEqualTo(new IssueText("ci-bot", null, NOW, "the body"));
    assertThat(IssueTexts.comments(comments))
        .containsExactly(new IssueText("ci-bot", "COLLABORATOR", NOW, "/promote abc"))
        .containsExactly(IssueTexts.comment(comments.get(0)));
  }

  @Test
  void permissionsAreAskedOncePerPersonIgnoringCase() {
    RepositoryAccess access = GitHubRepositoryAccess.of(github, GATES);

    assertThat(access.permissionOf("alice")).isEqualTo(Permission.TRIAGE);
    assertThat(access.permissionOf("ALICE")).isEqualTo(Permission.TRIAGE);
    assertThat(access.permissionOf("ci-bot")).isEqualTo(Permission.WRITE);
    assertThat(access.permissionOf("mallory")).isEqualTo(Permission.NONE);
    assertThat(hub.requestCount(PERMISSION)).isEqualTo(3);
  }

  @Test
  void aPermissionThatCannotBeAskedFailsOrIsNoneForReadersThatOnlyShow() {
    hub.inject(
        Fault.on("GET", "/repos/acme/gates/collaborators/alice/permission")
            .policy(new FaultPolicy.ServerError(502))
            .always());

    assertThatThrownBy(() -> GitHubRepositoryAccess.of(github, GATES).permissionOf("alice"))
        .isInstanceOf(GitHubException.class);
    RepositoryAccess shown = GitHubRepositoryAccess.orNone(github, GATES);
    assertThat(shown.permissionOf("alice")).isEqualTo(Permission.NONE);
    assertThat(shown.permissionOf("ci-bot")).isEqualTo(Permission.WRITE);
  }

  @Test
  void onlyAnActiveMembershipCountsAndRememberedAsksEachPersonOnce() {
    TeamMembership asked = GitHubTeamMembership.of(github);
    assertThat(asked.isActiveMember(RELEASE, "carol")).isTrue();
    assertThat(asked.isActiveMember(RELEASE, "dave")).as("a pending invitation").isFalse();
    assertThat(asked.isActiveMember(RELEASE, "mallory")).isFalse();
    assertThat(hub.requestCount(MEMBERSHIP)).isEqualTo(3);

    TeamMembership remembered = GitHubTeamMembership.remembered(github);
    assertThat(remembered.isActiveMember(RELEASE, "carol")).isTrue();
    assertThat(remembered.isActiveMember(new Approver.Team("ACME", "Release"), "Carol")).isTrue();
    assertThat(remembered.isActiveMember(RELEASE, "mallory")).isFalse();
    assertThat(hub.requestCount(MEMBERSHIP)).isEqualTo(5);
  }
}
