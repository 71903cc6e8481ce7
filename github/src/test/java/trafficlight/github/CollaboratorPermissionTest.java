package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.localhub.RepoOptions;

/** {@link GitHubClient#collaboratorPermission} against localhub's roles. */
class CollaboratorPermissionTest extends AgainstLocalHub {

  @BeforeEach
  void start() {
    hub.createRepo("acme/gates", RepoOptions.PRIVATE);
    hub.addOrgMember("acme", "alice");
    hub.grantRole("acme/gates", "alice", "triage");
    hub.addCollaborator("acme/gates", "ci-bot");
    hub.createUser("mallory");
  }

  @Test
  void answersTheRoleAndNoneForSomeoneWhoIsNoCollaborator() {
    RepositoryName gates = RepositoryName.parse("acme/gates");
    try (GitHubClient github = Clients.withToken(hub.baseUrl(), hub.createToken("ci-bot"))) {
      assertThat(github.collaboratorPermission(gates, "alice"))
          .isEqualTo(new CollaboratorPermission("read", "triage"));
      assertThat(github.collaboratorPermission(gates, "ci-bot"))
          .isEqualTo(new CollaboratorPermission("write", "write"));
      assertThat(github.collaboratorPermission(gates, "mallory"))
          .isEqualTo(CollaboratorPermission.NONE);
      assertThat(github.collaboratorPermission(gates, "app[bot]"))
          .isEqualTo(CollaboratorPermission.NONE);
    }
  }
}
