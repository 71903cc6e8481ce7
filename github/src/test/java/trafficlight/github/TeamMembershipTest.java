package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.RecordedRequest;

/** {@link GitHubClient#teamMembershipState} against localhub's teams. */
class TeamMembershipTest {

  static final String OPERATION = "teams/get-membership-for-user-in-org";

  @TempDir Path dir;
  LocalHub hub;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() {
    hub = LocalHub.start();
    hub.addTeamMember("acme", "release", "carol");
    hub.inviteTeamMember("acme", "release", "dave");
    hub.addOrgMember("acme", "ci-bot");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  GitHubClient client(String login, ResponseCache cache) {
    return new GitHubClient(
        GitHubEndpoint.parse(hub.baseUrl()),
        new Credentials.Token(hub.createToken(login)),
        Duration.ofSeconds(10),
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
