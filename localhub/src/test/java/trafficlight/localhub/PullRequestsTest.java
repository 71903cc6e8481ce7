package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.contract.Exchange;

/**
 * Pull requests of a code repository: created through the admin API, found by the commit they
 * merged, read by number, commented on as issues; every exchange conforms to GitHub's description
 * on api.github.com and on GitHub Enterprise Server.
 */
class PullRequestsTest {
  @OnEachApiWithGit
  void aMergedPullRequestIsFoundByItsMergeCommitAndTakesComments(
      OpenApiContractTest.Api api, LocalGitRepository git) {
    String c1 = git.commit("main", "One", "Ann", "ann@example.com", Map.of("a", "1\n"));
    String c2 =
        git.commit("main", "Fix the cart (#2)", "Bob", "bob@example.com", Map.of("a", "2\n"));
    try (LocalHub hub = LocalHub.builder().codeRepository("acme/myapp", git.path()).start()) {
      String token = hub.createToken("ci-bot");
      hub.createIssue("acme/myapp", "An issue first", "b", List.of(), "ann");
      Http.Response created =
          Http.post(
              hub.baseUrl() + "/_localhub/repos/acme/myapp/pulls",
              null,
              "{\"title\":\"Fix the cart\",\"head_sha\":\""
                  + c1.substring(0, 7)
                  + "\",\"merge_commit_sha\":\""
                  + c2
                  + "\",\"login\":\"bob\"}");
      assertThat(created.status()).isEqualTo(201);
      int number = created.json().get("number").asInt();
      assertThat(number).as("numbers are shared with issues").isEqualTo(2);
      hub.clearRequests();

      String base = api.baseUrl(hub) + "/repos/acme/myapp";
      JsonNode pulls = Http.get(base + "/commits/" + c2 + "/pulls", token).json();
      assertThat(pulls).hasSize(1);
      assertThat(pulls.get(0).get("number").asInt()).isEqualTo(number);
      assertThat(pulls.get(0).get("merge_commit_sha").asText()).isEqualTo(c2);
      assertThat(pulls.get(0).get("user").get("login").asText()).isEqualTo("bob");
      assertThat(Http.get(base + "/commits/" + c1.substring(0, 8) + "/pulls", token).json())
          .as("its head")
          .hasSize(1);
      JsonNode pull = Http.get(base + "/pulls/" + number, token).json();
      assertThat(pull.get("merged").asBoolean()).isTrue();
      assertThat(pull.get("state").asText()).isEqualTo("closed");
      assertThat(pull.get("merge_commit_sha").asText()).isEqualTo(c2);
      assertThat(Http.get(base + "/pulls/1", token).status()).as("an issue").isEqualTo(404);
      assertThat(Http.get(base + "/pulls/99", token).status()).isEqualTo(404);
      assertThat(Http.get(base + "/commits/nope/pulls", token).status()).isEqualTo(422);

      long id =
          Http.post(base + "/issues/" + number + "/comments", token, "{\"body\":\"deployed\"}")
              .json()
              .get("id")
              .asLong();
      Http.patch(base + "/issues/comments/" + id, token, "{\"body\":\"deployed twice\"}");
      JsonNode comments = Http.get(base + "/issues/" + number + "/comments", token).json();
      assertThat(comments)
          .extracting(c -> c.get("body").asText())
          .containsExactly("deployed twice");

      List<Exchange> exchanges = hub.requests().stream().map(Exchanges::of).toList();
      assertThat(exchanges).hasSize(9);
      api.contract().allowingUndocumentedStatus(404, 422).assertConforms(exchanges);
    }
  }

  @Test
  void anOpenPullRequestIsListedForItsHeadAndAnUnknownCommitIsRefused() {
    try (LocalHub hub = LocalHub.start()) {
      hub.createRepo("acme/myapp");
      String token = hub.createToken("ci-bot");
      String head = "ab".repeat(20);
      int number = hub.createPullRequest("acme/myapp", "Wip", head, null, "carol");
      String base = hub.baseUrl() + "/repos/acme/myapp";

      JsonNode pull = Http.get(base + "/pulls/" + number, token).json();
      assertThat(pull.get("state").asText()).isEqualTo("open");
      assertThat(pull.get("merged").asBoolean()).isFalse();
      assertThat(pull.get("merge_commit_sha").isNull()).isTrue();
      assertThat(Http.get(base + "/commits/" + head + "/pulls", token).json()).hasSize(1);
      assertThat(Http.get(base + "/commits/" + "cd".repeat(20) + "/pulls", token).json()).isEmpty();
      Http.Response refused =
          Http.post(
              hub.baseUrl() + "/_localhub/repos/acme/myapp/pulls",
              null,
              "{\"title\":\"t\",\"head_sha\":\"abc\",\"login\":\"carol\"}");
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.json().get("message").asText()).isEqualTo("acme/myapp has no commit abc");
    }
  }
}
