package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamsTest {
  private LocalHub hub;
  private String reader;

  @BeforeEach
  void start() {
    hub = LocalHub.start();
    reader = hub.createToken("ci-bot");
    hub.addOrgMember("acme", "ci-bot");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private Http.Response membership(String team, String login, String token) {
    return Http.get(hub.baseUrl() + "/orgs/acme/teams/" + team + "/memberships/" + login, token);
  }

  @Test
  void activeAndPendingMembersAnd404ForEveryoneElse() {
    hub.addTeamMember("acme", "release", "carol");
    hub.inviteTeamMember("acme", "release", "dave");

    Http.Response carol = membership("release", "Carol", reader);
    assertThat(carol.status()).isEqualTo(200);
    assertThat(carol.json().get("state").asText()).isEqualTo("active");
    assertThat(carol.json().get("role").asText()).isEqualTo("member");
    assertThat(carol.json().get("url").asText())
        .isEqualTo(hub.baseUrl() + "/orgs/acme/teams/release/memberships/Carol");
    assertThat(membership("release", "dave", reader).json().get("state").asText())
        .isEqualTo("pending");
    assertThat(membership("release", "bob", reader).status()).isEqualTo(404);
    assertThat(membership("nope", "carol", reader).status()).isEqualTo(404);

    hub.removeTeamMember("acme", "release", "carol");
    assertThat(membership("release", "carol", reader).status()).isEqualTo(404);
  }

  @Test
  void aTeamIsFoundByItsSlugAndAMisspeltOneIs404() {
    hub.addTeamMember("acme", "release", "carol");
    hub.inviteTeamMember("acme", "release", "dave");

    Http.Response team = Http.get(hub.baseUrl() + "/orgs/acme/teams/Release", reader);
    assertThat(team.status()).isEqualTo(200);
    assertThat(team.json().get("slug").asText()).isEqualTo("release");
    assertThat(team.json().get("members_count").asInt()).isEqualTo(1);
    assertThat(team.json().get("organization").get("login").asText()).isEqualTo("acme");
    assertThat(Http.get(hub.baseUrl() + "/orgs/acme/teams/relase", reader).status()).isEqualTo(404);
    // a team the caller may not see is 404 too, as on GitHub
    assertThat(
            Http.get(hub.baseUrl() + "/orgs/acme/teams/release", hub.createToken("mallory"))
                .status())
        .isEqualTo(404);
    String etag = team.header("etag");
    assertThat(
            Http.get(hub.baseUrl() + "/orgs/acme/teams/Release", reader, "If-None-Match", etag)
                .status())
        .isEqualTo(304);
  }

  @Test
  void answersConditionalRequestsWith304() {
    hub.addTeamMember("acme", "release", "carol");
    String etag = membership("release", "carol", reader).header("etag");
    Http.Response again =
        Http.get(
            hub.baseUrl() + "/orgs/acme/teams/release/memberships/carol",
            reader,
            "If-None-Match",
            etag);
    assertThat(again.status()).isEqualTo(304);
  }

  @Test
  void onlyMembersOfTheOrganizationMayReadItsTeams() {
    hub.addTeamMember("acme", "release", "carol");
    String outsider = hub.createToken("mallory");
    Http.Response refused = membership("release", "carol", outsider);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("message").asText())
        .isEqualTo("Resource not accessible by personal access token");
    assertThat(membership("release", "carol", null).status()).isEqualTo(401);
    String carol = hub.createToken("carol");
    assertThat(membership("release", "carol", carol).status())
        .as("an active team member is a member of the organization")
        .isEqualTo(200);
  }

  @Test
  void theAdminApiSetsMemberships() {
    String admin = hub.baseUrl() + "/_localhub/orgs/acme";
    assertThat(
            Http.post(admin + "/teams/release/memberships", null, "{\"login\":\"carol\"}").status())
        .isEqualTo(201);
    assertThat(
            Http.post(
                    admin + "/teams/release/memberships",
                    null,
                    "{\"login\":\"dave\",\"state\":\"pending\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            Http.post(
                    admin + "/teams/release/memberships",
                    null,
                    "{\"login\":\"erin\",\"state\":\"maybe\"}")
                .status())
        .isEqualTo(422);
    assertThat(membership("release", "carol", reader).status()).isEqualTo(200);
    assertThat(membership("release", "dave", reader).json().get("state").asText())
        .isEqualTo("pending");
    String outsider = hub.createToken("mallory");
    assertThat(membership("release", "carol", outsider).status()).isEqualTo(403);
    assertThat(Http.post(admin + "/members", null, "{\"login\":\"mallory\"}").status())
        .isEqualTo(201);
    assertThat(membership("release", "carol", outsider).status()).isEqualTo(200);
    assertThat(Http.send("DELETE", admin + "/teams/release/memberships/carol", null, null).status())
        .isEqualTo(204);
    assertThat(membership("release", "carol", reader).status()).isEqualTo(404);
  }

  @Test
  void membershipsSurviveARestart(@TempDir Path dir) {
    try (LocalHub first = LocalHub.builder().dataDir(dir).start()) {
      first.createToken("ci-bot", "ghp_reader");
      first.addOrgMember("acme", "ci-bot");
      first.addTeamMember("acme", "release", "carol");
      first.addTeamMember("acme", "release", "dave");
      first.removeTeamMember("acme", "release", "dave");
    }
    try (LocalHub again = LocalHub.builder().dataDir(dir).start()) {
      String base = again.baseUrl() + "/orgs/acme/teams/release/memberships/";
      assertThat(
              List.of(
                  Http.get(base + "carol", "ghp_reader").status(),
                  Http.get(base + "dave", "ghp_reader").status()))
          .containsExactly(200, 404);
    }
  }
}
