package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository backed by a git repository made here (three commits on main, a side branch from the
 * first, an unrelated history), through real HTTP: commits, comparisons, deployments.
 */
class CodeRepositoryTest {
  @TempDir Path dir;
  LocalGitRepository git;
  LocalHub hub;
  String token;
  String base;
  String first;
  String second;
  String third;
  String side;
  String unrelated;

  @BeforeEach
  void start() {
    git = LocalGitRepository.init(dir.resolve("shop.git"));
    first =
        git.commit(
            "main",
            "Add the cart",
            "Ann Lee",
            "ann.lee@example.com",
            Map.of("cart.txt", "items\n"));
    second =
        git.commit(
            "main",
            "Fix the cart total (#12)",
            "Bob",
            "7+bob@users.noreply.github.com",
            Map.of("cart.txt", "items\ntotal\n"));
    third =
        git.commit(
            "main",
            "Speed up search\n\nIndex the names.",
            "Ann Lee",
            "ann.lee@example.com",
            Map.of("search/index.txt", "names\n"));
    git.branch("side", first);
    side = git.commit("side", "Try another cart", "Carol", "carol@example.com", Map.of("c", "x"));
    unrelated = git.commit("unrelated", "Start over", "Nobody", "", Map.of("u", "u"));
    hub = LocalHub.builder().codeRepository("acme/shop", git.path()).start();
    token = hub.createToken("ci-bot");
    base = hub.baseUrl() + "/repos/acme/shop";
  }

  @AfterEach
  void stop() {
    hub.close();
    git.close();
  }

  JsonNode ok(Http.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  @Test
  void aCommitBySha() {
    JsonNode commit = ok(Http.get(base + "/commits/" + second, token));
    assertThat(commit.get("sha").asText()).isEqualTo(second);
    assertThat(commit.at("/commit/message").asText()).isEqualTo("Fix the cart total (#12)");
    assertThat(commit.at("/commit/author/email").asText())
        .isEqualTo("7+bob@users.noreply.github.com");
    assertThat(commit.at("/author/login").asText()).isEqualTo("bob");
    assertThat(commit.at("/parents/0/sha").asText()).isEqualTo(first);
    assertThat(commit.at("/stats/additions").asInt()).isEqualTo(1);
    assertThat(commit.at("/stats/deletions").asInt()).isZero();
    assertThat(commit.at("/files/0/filename").asText()).isEqualTo("cart.txt");
    assertThat(commit.at("/files/0/status").asText()).isEqualTo("modified");
    assertThat(commit.get("html_url").asText())
        .isEqualTo(hub.baseUrl() + "/acme/shop/commit/" + second);
  }

  @Test
  void refsResolveAsOnGitHub() {
    assertThat(ok(Http.get(base + "/commits/" + third.substring(0, 7), token)).get("sha").asText())
        .isEqualTo(third);
    assertThat(ok(Http.get(base + "/commits/main", token)).get("sha").asText()).isEqualTo(third);
    assertThat(ok(Http.get(base + "/commits/heads/side", token)).get("sha").asText())
        .isEqualTo(side);
    JsonNode root = ok(Http.get(base + "/commits/" + first, token));
    assertThat(root.get("parents")).isEmpty();
    assertThat(root.at("/files/0/status").asText()).isEqualTo("added");
  }

  @Test
  void unknownCommitsAre422AndAnEmptyRepositoryIs409() {
    String missing = "0123456789abcdef0123456789abcdef01234567";
    Http.Response unknown = Http.get(base + "/commits/" + missing, token);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("message").asText())
        .isEqualTo("No commit found for SHA: " + missing);
    assertThat(Http.get(base + "/commits/no-such-branch", token).status()).isEqualTo(422);
    hub.createRepo("acme/plain");
    Http.Response empty = Http.get(hub.baseUrl() + "/repos/acme/plain/commits/main", token);
    assertThat(empty.status()).isEqualTo(409);
    assertThat(empty.json().get("message").asText()).isEqualTo("Git Repository is empty.");
  }

  @Test
  void compareStatuses() {
    JsonNode ahead = ok(Http.get(base + "/compare/" + first + "..." + third, token));
    assertThat(ahead.get("status").asText()).isEqualTo("ahead");
    assertThat(ahead.get("ahead_by").asInt()).isEqualTo(2);
    assertThat(ahead.get("behind_by").asInt()).isZero();
    assertThat(ahead.get("total_commits").asInt()).isEqualTo(2);
    assertThat(ahead.at("/merge_base_commit/sha").asText()).isEqualTo(first);
    assertThat(ahead.at("/base_commit/sha").asText()).isEqualTo(first);
    assertThat(shas(ahead)).containsExactly(second, third);
    assertThat(ahead.get("files"))
        .extracting(f -> f.get("filename").asText())
        .containsExactlyInAnyOrder("cart.txt", "search/index.txt");

    JsonNode behind = ok(Http.get(base + "/compare/" + third + "..." + first, token));
    assertThat(behind.get("status").asText()).isEqualTo("behind");
    assertThat(behind.get("behind_by").asInt()).isEqualTo(2);
    assertThat(shas(behind)).isEmpty();

    JsonNode identical = ok(Http.get(base + "/compare/main..." + third, token));
    assertThat(identical.get("status").asText()).isEqualTo("identical");

    JsonNode diverged = ok(Http.get(base + "/compare/side...main", token));
    assertThat(diverged.get("status").asText()).isEqualTo("diverged");
    assertThat(diverged.get("ahead_by").asInt()).isEqualTo(2);
    assertThat(diverged.get("behind_by").asInt()).isEqualTo(1);
    assertThat(diverged.at("/merge_base_commit/sha").asText()).isEqualTo(first);
  }

  @Test
  void compareFailures() {
    Http.Response orphan = Http.get(base + "/compare/main...unrelated", token);
    assertThat(orphan.status()).isEqualTo(404);
    assertThat(orphan.json().get("message").asText())
        .isEqualTo("No common ancestor between main and unrelated.");
    assertThat(Http.get(base + "/compare/main...0123456", token).status()).isEqualTo(404);
    assertThat(Http.get(base + "/compare/main..side", token).status()).isEqualTo(404);
  }

  @Test
  void compareListsItsCommitsInPages() {
    Http.Response page1 = Http.get(base + "/compare/" + first + "...main?per_page=1", token);
    assertThat(shas(ok(page1))).containsExactly(second);
    assertThat(page1.json().has("files")).isTrue();
    assertThat(page1.header("link")).contains("page=2>; rel=\"next\"");
    Http.Response page2 = Http.get(base + "/compare/" + first + "...main?per_page=1&page=2", token);
    assertThat(shas(ok(page2))).containsExactly(third);
    assertThat(page2.json().has("files")).as("files come with the first page only").isFalse();
    assertThat(page2.json().get("total_commits").asInt()).isEqualTo(2);
  }

  @Test
  void commitsMadeWhileTheHubRunsAreSeen() {
    String later = git.commit("main", "Later", "Ann Lee", "ann.lee@example.com", Map.of("l", "l"));
    assertThat(ok(Http.get(base + "/commits/main", token)).get("sha").asText()).isEqualTo(later);
  }

  @Test
  void aForcePushedCommitIsStillKnownBySha() {
    git.branch("main", side);
    assertThat(ok(Http.get(base + "/commits/main", token)).get("sha").asText()).isEqualTo(side);
    JsonNode gone = ok(Http.get(base + "/compare/" + first + "..." + third, token));
    assertThat(gone.get("status").asText()).isEqualTo("ahead");
    JsonNode now = ok(Http.get(base + "/compare/" + third + "...main", token));
    assertThat(now.get("status").asText()).isEqualTo("diverged");
  }

  @Test
  void authorsMapToLogins() {
    assertThat(ok(Http.get(base + "/commits/" + first, token)).at("/author/login").asText())
        .isEqualTo("ann-lee");
    assertThat(ok(Http.get(base + "/commits/" + unrelated, token)).get("author").isNull())
        .as("an empty e-mail has no user")
        .isTrue();
    hub.linkCommitEmail("carol@example.com", "carol-gh");
    assertThat(ok(Http.get(base + "/commits/" + side, token)).at("/committer/login").asText())
        .isEqualTo("carol-gh");
    assertThat(CodeRepositories.derivedLogin("a..b_c@example.com")).isEqualTo("a-b-c");
    assertThat(CodeRepositories.derivedLogin("no-at-sign")).isNull();
  }

  @Test
  void deploymentsAndTheirStatusesRoundTrip() {
    Http.Response created =
        Http.post(
            base + "/deployments",
            token,
            "{\"ref\":\""
                + third
                + "\",\"environment\":\"QA\",\"auto_merge\":false,\"required_contexts\":[],"
                + "\"description\":\"deploy-qa #2\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode deployment = created.json();
    long id = deployment.get("id").asLong();
    assertThat(deployment.get("sha").asText()).isEqualTo(third);
    assertThat(deployment.get("environment").asText()).isEqualTo("QA");
    assertThat(deployment.get("production_environment").asBoolean()).isFalse();
    assertThat(deployment.at("/creator/login").asText()).isEqualTo("ci-bot");
    assertThat(created.header("location")).isEqualTo(base + "/deployments/" + id);

    Http.Response status =
        Http.post(
            base + "/deployments/" + id + "/statuses",
            token,
            "{\"state\":\"success\",\"log_url\":\"https://ci.example.com/b/2\"}");
    assertThat(status.status()).as(status.body()).isEqualTo(201);
    assertThat(status.json().get("target_url").asText()).isEqualTo("https://ci.example.com/b/2");
    assertThat(status.json().get("environment").asText()).isEqualTo("QA");

    JsonNode listed = ok(Http.get(base + "/deployments?environment=QA", token));
    assertThat(listed).hasSize(1);
    assertThat(ok(Http.get(base + "/deployments?environment=PROD", token))).isEmpty();
    assertThat(ok(Http.get(base + "/deployments?sha=" + third, token))).hasSize(1);

    // a newer success to QA makes the earlier one inactive
    long newer =
        Http.post(base + "/deployments", token, "{\"ref\":\"main\",\"environment\":\"QA\"}")
            .json()
            .get("id")
            .asLong();
    Http.post(base + "/deployments/" + newer + "/statuses", token, "{\"state\":\"success\"}");
    JsonNode statuses = ok(Http.get(base + "/deployments/" + id + "/statuses", token));
    assertThat(statuses)
        .extracting(s -> s.get("state").asText())
        .containsExactly("inactive", "success");
    assertThat(ok(Http.get(base + "/deployments", token)))
        .extracting(d -> d.get("id").asLong())
        .containsExactly(newer, id);
  }

  @Test
  void deploymentsAreValidatedAsOnGitHub() {
    Http.Response badRef =
        Http.post(base + "/deployments", token, "{\"ref\":\"nope\",\"environment\":\"QA\"}");
    assertThat(badRef.status()).isEqualTo(422);
    assertThat(badRef.json().get("message").asText()).isEqualTo("No ref found for: nope");
    assertThat(Http.post(base + "/deployments", token, "{\"environment\":\"QA\"}").status())
        .isEqualTo(422);
    Http.Response merge =
        Http.post(base + "/deployments", token, "{\"ref\":\"side\",\"environment\":\"QA\"}");
    assertThat(merge.status()).as("auto_merge defaults to true").isEqualTo(409);
    assertThat(
            Http.post(
                    base + "/deployments",
                    token,
                    "{\"ref\":\"side\",\"environment\":\"QA\",\"auto_merge\":false}")
                .status())
        .isEqualTo(201);
    assertThat(Http.post(base + "/deployments", null, "{\"ref\":\"main\"}").status())
        .isEqualTo(401);
    assertThat(
            Http.post(base + "/deployments/999/statuses", token, "{\"state\":\"success\"}")
                .status())
        .isEqualTo(404);
    long id =
        Http.post(base + "/deployments", token, "{\"ref\":\"main\"}").json().get("id").asLong();
    assertThat(
            Http.post(base + "/deployments/" + id + "/statuses", token, "{\"state\":\"done\"}")
                .status())
        .isEqualTo(422);
    assertThat(
            Http.post(
                    base + "/deployments/" + id + "/statuses",
                    token,
                    "{\"state\":\"success\",\"description\":\"" + "x".repeat(141) + "\"}")
                .status())
        .isEqualTo(422);
  }

  @Test
  void aDirectoryWithoutGitIsRefused() {
    assertThatThrownBy(() -> hub.serveCode("acme/none", dir.resolve("nothing-here")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no git repository at");
  }

  @Test
  void codeRepoOptionsAreParsed() {
    CodeRepositorySpec spec = CodeRepositorySpec.parse("acme/shop=" + git.path());
    assertThat(spec.fullName()).isEqualTo("acme/shop");
    assertThat(spec.path()).isEqualTo(git.path());
    for (String bad : List.of("acme/shop", "shop=/tmp/x", "acme/shop=", "a/b/c=/x")) {
      assertThatThrownBy(() -> CodeRepositorySpec.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "--code-repo must be OWNER/NAME=PATH (PATH a git repository), got \"" + bad + "\"");
    }
  }

  private static List<String> shas(JsonNode comparison) {
    List<String> shas = new ArrayList<>();
    comparison.get("commits").forEach(c -> shas.add(c.get("sha").asText()));
    return shas;
  }
}
