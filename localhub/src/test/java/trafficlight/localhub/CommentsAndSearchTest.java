package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentsAndSearchTest extends LocalHubWithOneRepo {
  @Test
  void commentBumpsUpdatedAtAndCount() {
    int n = hub.createIssue("o/r", "t", null, List.of(), "bob");
    hub.clock().advance(Duration.ofMinutes(2));

    Http.Response created =
        Http.post(base + "/issues/" + n + "/comments", token, "{\"body\":\"hello\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode comment = created.json();
    assertThat(comment.get("body").asText()).isEqualTo("hello");
    assertThat(comment.get("user").get("login").asText()).isEqualTo("alice");
    assertThat(comment.get("created_at").asText()).isEqualTo("2024-05-01T10:02:00Z");
    assertThat(comment.get("issue_url").asText())
        .isEqualTo(hub.baseUrl() + "/repos/o/r/issues/" + n);
    assertThat(created.header("location")).isEqualTo(comment.get("url").asText());
    JsonNode issue = Http.get(base + "/issues/" + n, token).json();
    assertThat(issue.get("comments").asInt()).isEqualTo(1);
    assertThat(issue.get("updated_at").asText()).isEqualTo("2024-05-01T10:02:00Z");
    assertThat(hub.issue("o/r", n).comments()).extracting(Comment::body).containsExactly("hello");
  }

  @Test
  void anEditReplacesTheTextAndMovesTheCommentsUpdatedAtOnly() {
    int n = hub.createIssue("o/r", "t", null, List.of(), "bob");
    long id = hub.addComment("o/r", n, "alice", "/promote 1a2b3c4");
    String issueUpdated = Http.get(base + "/issues/" + n, token).json().get("updated_at").asText();
    hub.clock().advance(Duration.ofMinutes(3));

    Http.Response edited =
        Http.patch(base + "/issues/comments/" + id, token, "{\"body\":\"/promote 9f8e7d6\"}");

    assertThat(edited.status()).isEqualTo(200);
    JsonNode comment = edited.json();
    assertThat(comment.get("id").asLong()).isEqualTo(id);
    assertThat(comment.get("body").asText()).isEqualTo("/promote 9f8e7d6");
    assertThat(comment.get("created_at").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(comment.get("updated_at").asText()).isEqualTo("2024-05-01T10:03:00Z");
    JsonNode listed = Http.get(base + "/issues/" + n + "/comments", token).json().get(0);
    assertThat(listed.get("body").asText()).isEqualTo("/promote 9f8e7d6");
    assertThat(listed.get("updated_at").asText()).isEqualTo("2024-05-01T10:03:00Z");
    JsonNode issue = Http.get(base + "/issues/" + n, token).json();
    assertThat(issue.get("updated_at").asText()).isEqualTo(issueUpdated);
    assertThat(issue.get("comments").asInt()).isEqualTo(1);
    assertThat(hub.issue("o/r", n).comments())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.body()).isEqualTo("/promote 9f8e7d6");
              assertThat(c.createdAt()).isEqualTo(T0);
              assertThat(c.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
            });
    assertThat(hub.requestCount("issues/update-comment")).isEqualTo(1);
  }

  @Test
  void anEditOfAnUnknownCommentIs404AndOneWithoutABodyIsGitHubsValidationError() {
    int n = hub.createIssue("o/r", "t", null, List.of(), "bob");
    long id = hub.addComment("o/r", n, "alice", "keep me");

    Http.Response unknown = Http.patch(base + "/issues/comments/999999", token, "{\"body\":\"x\"}");
    Http.Response noBody = Http.patch(base + "/issues/comments/" + id, token, "{}");
    Http.Response anonymous = Http.patch(base + "/issues/comments/" + id, null, "{\"body\":\"x\"}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).isEqualTo("Not Found");
    assertThat(noBody.status()).isEqualTo(422);
    assertThat(noBody.json().get("message").asText()).isEqualTo("Validation Failed");
    JsonNode error = noBody.json().get("errors").get(0);
    assertThat(error.get("resource").asText()).isEqualTo("IssueComment");
    assertThat(error.get("code").asText()).isEqualTo("missing_field");
    assertThat(error.get("field").asText()).isEqualTo("body");
    assertThat(noBody.json().get("documentation_url").asText())
        .isEqualTo("https://docs.github.com/rest/issues/comments#update-an-issue-comment");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(hub.issue("o/r", n).comments()).extracting(Comment::body).containsExactly("keep me");
    assertThat(hub.issue("o/r", n).comments()).extracting(Comment::updatedAt).containsExactly(T0);
  }

  @Test
  void thePermissionEndpointAnswersEachPersonsRoleAnd404ForOutsidersOfAPrivateRepository() {
    hub.createRepo("acme/gates", RepoOptions.PRIVATE);
    hub.createRepo("acme/open");
    hub.addCollaborator("acme/gates", "carol");
    hub.addCollaborator("acme/gates", "tracy", "triage");
    hub.addOrgMember("acme", "alice");
    hub.grantRole("acme/gates", "alice", "maintain");
    hub.addOrgMember("acme", "bob");
    hub.createUser("mallory");
    String permission = hub.baseUrl() + "/repos/acme/";
    List<String> answers = new ArrayList<>();
    for (String login : List.of("carol", "tracy", "alice", "bob", "mallory", "nobody")) {
      Http.Response r =
          Http.get(permission + "gates/collaborators/" + login + "/permission", token);
      answers.add(
          r.status() == 200
              ? r.json().get("permission").asText() + "/" + r.json().get("role_name").asText()
              : String.valueOf(r.status()));
    }
    assertThat(answers)
        .containsExactly("write/write", "read/triage", "write/maintain", "read/read", "404", "404");
    Http.Response outsider = Http.get(permission + "open/collaborators/mallory/permission", token);
    assertThat(outsider.json().get("role_name").asText()).isEqualTo("read");
    assertThat(outsider.json().get("user").get("login").asText()).isEqualTo("mallory");
  }

  @Test
  void commentsAndIssuesSayHowTheirAuthorIsAssociatedWithTheRepository() {
    hub.createRepo("acme/gates");
    hub.addCollaborator("acme/gates", "carol");
    hub.addPublicOrgMember("acme", "erin");
    hub.addTeamMember("acme", "release", "frank"); // private, as GitHub's default
    hub.addOrgMember("acme", "gina");
    hub.grantRole("acme/gates", "gina", "write"); // through a team: no collaborator
    int n = hub.createIssue("acme/gates", "t", null, List.of(), "carol");
    for (String login : List.of("acme", "erin", "frank", "gina", "carol", "mallory")) {
      hub.addComment("acme/gates", n, login, "by " + login);
    }

    JsonNode comments =
        Http.get(hub.baseUrl() + "/repos/acme/gates/issues/" + n + "/comments", token).json();
    JsonNode issue = Http.get(hub.baseUrl() + "/repos/acme/gates/issues/" + n, token).json();

    List<String> associations = new ArrayList<>();
    comments.forEach(c -> associations.add(c.get("author_association").asText()));
    assertThat(associations)
        .containsExactly("OWNER", "MEMBER", "NONE", "NONE", "COLLABORATOR", "NONE");
    assertThat(issue.get("author_association").asText()).isEqualTo("COLLABORATOR");
  }

  @Test
  void listsCommentsWithSinceAndPaging() {
    int n = hub.createIssue("o/r", "t", null, List.of(), "bob");
    for (int i = 0; i < 5; i++) {
      hub.addComment("o/r", n, "bob", "c" + i);
      hub.clock().advance(Duration.ofMinutes(1));
    }
    Http.Response page = Http.get(base + "/issues/" + n + "/comments?per_page=2", token);
    assertThat(page.json()).hasSize(2);
    assertThat(page.json().get(0).get("body").asText()).isEqualTo("c0");
    long id = hub.createRepo("o/r").id();
    String links =
        hub.baseUrl() + "/repositories/" + id + "/issues/" + n + "/comments?per_page=2&page=";
    assertThat(page.header("link"))
        .isEqualTo("<" + links + "2>; rel=\"next\", <" + links + "3>; rel=\"last\"");
    Http.Response next = Http.get(links + "2", token);
    assertThat(next.json().get(0).get("body").asText()).isEqualTo("c2");

    JsonNode since =
        Http.get(base + "/issues/" + n + "/comments?since=2024-05-01T10:03:00Z", token).json();
    assertThat(since).hasSize(2);
    assertThat(since.get(0).get("body").asText()).isEqualTo("c3");
  }

  @Test
  void emptyCommentIs422() {
    int n = hub.createIssue("o/r", "t", null, List.of(), "bob");
    Http.Response r = Http.post(base + "/issues/" + n + "/comments", token, "{}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("errors").get(0).get("resource").asText()).isEqualTo("IssueComment");
    assertThat(Http.post(base + "/issues/99/comments", token, "{\"body\":\"x\"}").status())
        .isEqualTo(404);
  }

  private List<String> search(String q, String extra) {
    Http.Response r =
        Http.get(
            hub.baseUrl()
                + "/search/issues?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + extra,
            token);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("x-ratelimit-resource")).isEqualTo("search");
    List<String> titles = new ArrayList<>();
    r.json().get("items").forEach(i -> titles.add(i.get("title").asText()));
    assertThat(r.json().get("total_count").asInt()).isGreaterThanOrEqualTo(titles.size());
    assertThat(r.json().get("incomplete_results").asBoolean()).isFalse();
    return titles;
  }

  @Test
  void searchSupportsQualifiersAndFreeText() {
    hub.createRepo("o/other");
    hub.createIssue(
        "o/r", "Deploy freeze for release", "blocking", List.of("freeze", "prod gate"), "bob");
    hub.clock().advance(Duration.ofMinutes(1));
    hub.createIssue("o/r", "Unrelated bug", "mentions freeze in body", List.of("bug"), "bob");
    hub.clock().advance(Duration.ofMinutes(1));
    int closed = hub.createIssue("o/r", "Old freeze", null, List.of("freeze"), "bob");
    hub.closeIssue("o/r", closed, "bob");
    hub.createPullRequest("o/r", "freeze PR", "bob");
    hub.createIssue("o/other", "freeze elsewhere", null, List.of("freeze"), "bob");

    assertThat(search("repo:o/r is:issue is:open freeze", ""))
        .containsExactly("Unrelated bug", "Deploy freeze for release");
    assertThat(search("repo:o/r is:issue freeze in:title", ""))
        .containsExactly("Old freeze", "Deploy freeze for release");
    assertThat(search("repo:o/r label:freeze state:closed", "")).containsExactly("Old freeze");
    assertThat(search("repo:o/r label:freeze label:\"prod gate\"", ""))
        .containsExactly("Deploy freeze for release");
    assertThat(search("repo:o/r is:pr", "")).containsExactly("freeze PR");
    assertThat(search("label:freeze is:issue is:open", "&sort=created&order=asc"))
        .containsExactly("Deploy freeze for release", "freeze elsewhere");
    assertThat(search("repo:o/r is:issue", "&per_page=1&page=2")).hasSize(1);
  }

  @Test
  void searchItemsHaveScoreAndSearchLinks() {
    hub.seedIssues("o/r", 3, i -> IssueSeed.open("s" + i));
    Http.Response r = Http.get(hub.baseUrl() + "/search/issues?q=repo%3Ao%2Fr&per_page=2", token);
    JsonNode body = r.json();
    assertThat(body.get("total_count").asInt()).isEqualTo(3);
    assertThat(body.get("items").get(0).get("score").asDouble()).isEqualTo(1.0);
    assertThat(body.get("items").get(0).has("body")).isFalse();
    assertThat(r.header("link"))
        .isEqualTo(
            "<"
                + hub.baseUrl()
                + "/search/issues?q=repo%3Ao%2Fr&per_page=2&page=2>; rel=\"next\", <"
                + hub.baseUrl()
                + "/search/issues?q=repo%3Ao%2Fr&per_page=2&page=2>; rel=\"last\"");
  }

  @Test
  void searchErrorsAndOwnRateLimit() {
    assertThat(Http.get(hub.baseUrl() + "/search/issues", token).status()).isEqualTo(422);
    hub.createRepo("o/private", RepoOptions.PRIVATE);
    Http.Response hidden = Http.get(hub.baseUrl() + "/search/issues?q=repo:o/private", null);
    assertThat(hidden.status()).isEqualTo(422);
    assertThat(hidden.json().get("errors").get(0).get("message").asText())
        .contains("cannot be searched");

    for (int i = 0; i < 29; i++) {
      assertThat(Http.get(hub.baseUrl() + "/search/issues?q=x", token).status()).isEqualTo(200);
    }
    Http.Response limited = Http.get(hub.baseUrl() + "/search/issues?q=x", token);
    assertThat(limited.status()).isEqualTo(403);
    assertThat(limited.header("x-ratelimit-resource")).isEqualTo("search");
    assertThat(limited.header("x-ratelimit-remaining")).isEqualTo("0");
    assertThat(Http.get(base + "/issues", token).status()).isEqualTo(200);
    hub.clock().advance(Duration.ofMinutes(1));
    assertThat(Http.get(hub.baseUrl() + "/search/issues?q=x", token).status()).isEqualTo(200);
  }
}
