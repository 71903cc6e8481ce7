package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.localhub.RecordedRequest;

/** {@link GitHubClient#teamMembershipState} against localhub's teams. */
class TeamMembershipTest extends AgainstLocalHub {

  static final String OPERATION = "teams/get-membership-for-user-in-org";

  @BeforeEach
  void start() {
    hub.addTeamMember("acme", "release", "carol");
    hub.inviteTeamMember("acme", "release", "dave");
    hub.addOrgMember("acme", "ci-bot");
  }

  GitHubClient client(String login, ResponseCache cache) {
    return Clients.client(
        hub.baseUrl(),
        new Credentials.Token(hub.createToken(login)),
        RetryPolicy.DEFAULT,
        log::add,
        cache);
  }

  FileResponseCache cache() {
    return FileResponseCache.load(dir.resolve("c.json"), "k", FileResponseCache.Limits.DEFAULT);
  }

  @Test
  void statesOfMembersAndNullForOthers() {
    try (GitHubClient github = client("ci-bot", ResponseCache.NONE)) {
      assertThat(github.teamMembershipState("acme", "release", "carol")).isEqualTo("active");
      assertThat(github.teamMembershipState("acme", "release", "dave")).isEqualTo("pending");
      assertThat(github.teamMembershipState("acme", "release", "bob")).isNull();
    }
  }

  @Test
  void aCachedMemberIsA304AndANonMemberIsNotAskedAgain() {
    FileResponseCache cache = cache();
    try (GitHubClient github = client("ci-bot", cache)) {
      github.teamMembershipState("acme", "release", "carol");
      github.teamMembershipState("acme", "release", "bob");
      hub.clearRequests();
      assertThat(github.teamMembershipState("acme", "release", "carol")).isEqualTo("active");
      assertThat(github.teamMembershipState("acme", "release", "bob")).isNull();
    }
    assertThat(hub.requests()).extracting(RecordedRequest::status).containsExactly(304);
  }

  @Test
  void aMisspeltTeamIsAnErrorNamingItNotANonMember() {
    FileResponseCache cache = cache();
    try (GitHubClient github = client("ci-bot", cache)) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> github.teamMembershipState("acme", "relase", "carol"))
            .isInstanceOf(TeamNotFoundException.class)
            .hasMessage(
                "there is no team acme/relase (GET /orgs/acme/teams/relase answered 404; GitHub"
                    + " answers the same for a secret team the credentials cannot see): check the"
                    + " team's slug in approvers, as it appears in the team's URL"
                    + " https://github.com/orgs/acme/teams/<slug>");
      }
      assertThat(github.teamExists("acme", "release")).isTrue();
      hub.clearRequests();
      // the team's 404 is remembered; an existing team is a 304
      assertThatThrownBy(() -> github.teamMembershipState("acme", "relase", "carol"))
          .isInstanceOf(TeamNotFoundException.class);
      assertThat(github.teamExists("acme", "release")).isTrue();
    }
    assertThat(hub.requests())
        .extracting(r -> r.method() + " " + r.path() + " " + r.status())
        .containsExactly(
            "GET /orgs/acme/teams/relase/memberships/carol 404",
            "GET /orgs/acme/teams/release 304");
  }

  @Test
  void aNonMemberOfAnExistingTeamAsksForTheTeamOnceThenNothing() {
    FileResponseCache cache = cache();
    try (GitHubClient github = client("ci-bot", cache)) {
      assertThat(github.teamMembershipState("acme", "release", "bob")).isNull();
      hub.clearRequests();
      assertThat(github.teamMembershipState("acme", "release", "bob")).isNull();
    }
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void aTeamThatCannotBeReadSaysWhichPermissionIsMissing() {
    try (GitHubClient github = client("outsider", ResponseCache.NONE)) {
      assertThatThrownBy(() -> github.teamMembershipState("acme", "release", "carol"))
          .isInstanceOf(GitHubException.class)
          .hasMessageContaining("403 Resource not accessible by personal access token")
          .hasMessageContaining("read:org")
          .hasMessageContaining("Members: read");
    }
  }
}
