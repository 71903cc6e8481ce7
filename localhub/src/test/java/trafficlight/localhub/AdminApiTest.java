package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {
  private LocalHub hub;
  private String admin;

  @BeforeEach
  void start() {
    hub = LocalHub.start();
    admin = hub.baseUrl() + "/_localhub";
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void createsRepoTokenAndIssuesThenActsOnThem() {
    Http.Response repo =
        Http.post(admin + "/repos", null, "{\"full_name\":\"o/r\",\"private\":true}");
    assertThat(repo.status()).isEqualTo(201);
    assertThat(repo.json().get("private").asBoolean()).isTrue();

    String token =
        Http.post(admin + "/tokens", null, "{\"login\":\"alice\",\"token\":\"ghp_fixed\"}")
            .json()
            .get("token")
            .asText();
    assertThat(token).isEqualTo("ghp_fixed");

    Http.Response seeded =
        Http.post(
            admin + "/repos/o/r/issues",
            null,
            "{\"count\":2,\"title\":\"Seed\",\"labels\":[\"x\"],\"issues\":[{\"title\":\"one\",\"state\":\"closed\"}]}");
    assertThat(seeded.json().get("numbers")).hasSize(3);
    assertThat(hub.issue("o/r", 1).state()).isEqualTo("closed");
    assertThat(hub.issue("o/r", 3).labels()).containsExactly("x");

    Http.post(
        admin + "/repos/o/r/issues/2/close",
        null,
        "{\"login\":\"bob\",\"state_reason\":\"not_planned\"}");
    assertThat(hub.issue("o/r", 2).stateReason()).isEqualTo("not_planned");
    assertThat(hub.issue("o/r", 2).closedBy()).isEqualTo("bob");
    Http.post(admin + "/repos/o/r/issues/2/reopen", null, "{\"login\":\"bob\"}");
    assertThat(hub.issue("o/r", 2).state()).isEqualTo("open");
    JsonNode labeled =
        Http.post(admin + "/repos/o/r/issues/2/labels", null, "{\"labels\":[\"y\"]}").json();
    assertThat(labeled.get("labels")).hasSize(2);

    assertThat(Http.get(hub.baseUrl() + "/repos/o/r/issues", "ghp_fixed").json()).hasSize(2);
    assertThat(Http.get(admin + "/repos/o/r/issues", null).json()).hasSize(3);

    assertThat(
            Http.post(admin + "/repos/o/r/collaborators", null, "{\"login\":\"carol\"}").status())
        .isEqualTo(201);
    Http.post(admin + "/repos/o/r/issues/2/comments", null, "{\"login\":\"carol\",\"body\":\"c\"}");
    assertThat(authorAssociationOfComment(0)).isEqualTo("COLLABORATOR");

    Http.post(admin + "/orgs/o/members", null, "{\"login\":\"erin\"}");
    assertThat(
            Http.post(admin + "/repos/o/r/roles", null, "{\"login\":\"erin\",\"role\":\"triage\"}")
                .status())
        .isEqualTo(201);
    Http.post(admin + "/repos/o/r/collaborators", null, "{\"login\":\"dave\",\"role\":\"read\"}");
    assertThat(
            Http.post(admin + "/repos/o/r/roles", null, "{\"login\":\"x\",\"role\":\"boss\"}")
                .status())
        .isEqualTo(422);
    String permission = hub.baseUrl() + "/repos/o/r/collaborators/";
    assertThat(
            Http.get(permission + "erin/permission", "ghp_fixed").json().get("role_name").asText())
        .isEqualTo("triage");
    assertThat(
            Http.get(permission + "dave/permission", "ghp_fixed").json().get("role_name").asText())
        .isEqualTo("read");
    Http.post(admin + "/repos/o/r/issues/2/comments", null, "{\"login\":\"erin\",\"body\":\"e\"}");
    assertThat(authorAssociationOfComment(1))
        .as("a private member with a role through a team")
        .isEqualTo("NONE");
  }

  /** The author_association the API gives the {@code index}th comment of issue o/r#2. */
  private String authorAssociationOfComment(int index) {
    return Http.get(hub.baseUrl() + "/repos/o/r/issues/2/comments", "ghp_fixed")
        .json()
        .get(index)
        .get("author_association")
        .asText();
  }

  @Test
  void faultsRequestsAndClock() {
    hub.createRepo("o/r");
    Http.Response fault =
        Http.post(
            admin + "/faults",
            null,
            "{\"method\":\"GET\",\"path\":\"/repos/o/r\",\"policy\":{\"type\":\"ServerError\",\"status\":503}}");
    assertThat(fault.status()).isEqualTo(201);
    assertThat(Http.get(hub.baseUrl() + "/repos/o/r", null).status()).isEqualTo(503);
    assertThat(Http.get(hub.baseUrl() + "/repos/o/r", null).status()).isEqualTo(200);

    JsonNode requests = Http.get(admin + "/requests", null).json();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).get("operation").asText()).isEqualTo("repos/get");
    assertThat(requests.get(0).get("status").asInt()).isEqualTo(503);
    assertThat(Http.send("DELETE", admin + "/requests", null, null).status()).isEqualTo(204);
    assertThat(hub.requests()).isEmpty();

    var before = hub.clock().now();
    JsonNode clock = Http.post(admin + "/clock/advance", null, "{\"seconds\":3600}").json();
    assertThat(Instant.parse(clock.get("now").asText())).isAfterOrEqualTo(before.plusSeconds(3600));
    assertThat(
            Http.post(admin + "/faults", null, "{\"path\":\"/x\",\"policy\":{\"type\":\"Nope\"}}")
                .status())
        .isEqualTo(422);
  }
}
