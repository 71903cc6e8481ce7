package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssuesApiTest extends LocalHubWithOneRepo {
  @Test
  void createsAnIssueAndAnswersItInGitHubsShape() {
    Http.Response created =
        Http.post(
            base + "/issues",
            token,
            "{\"title\":\"Deploy freeze\",\"body\":\"b\",\"labels\":[\"freeze\"]}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode issue = created.json();
    assertThat(issue.get("number").asInt()).isEqualTo(1);
    assertThat(issue.get("title").asText()).isEqualTo("Deploy freeze");
    assertThat(issue.get("state").asText()).isEqualTo("open");
    assertThat(issue.get("state_reason").isNull()).isTrue();
    assertThat(issue.get("user").get("login").asText()).isEqualTo("alice");
    assertThat(issue.get("labels").get(0).get("name").asText()).isEqualTo("freeze");
    assertThat(issue.get("created_at").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(issue.get("url").asText()).isEqualTo(hub.baseUrl() + "/repos/o/r/issues/1");
    assertThat(issue.get("html_url").asText()).isEqualTo(hub.baseUrl() + "/o/r/issues/1");
    assertThat(issue.get("node_id").asText()).isNotEmpty();
    assertThat(issue.has("pull_request")).isFalse();
    for (String required :
        List.of(
            "id",
            "node_id",
            "url",
            "repository_url",
            "labels_url",
            "comments_url",
            "events_url",
            "html_url",
            "number",
            "state",
            "title",
            "user",
            "labels",
            "assignee",
            "milestone",
            "locked",
            "comments",
            "closed_at",
            "created_at",
            "updated_at")) {
      assertThat(issue.has(required)).as(required).isTrue();
    }
    assertThat(created.header("location")).isEqualTo(hub.baseUrl() + "/repos/o/r/issues/1");
    assertThat(created.header("content-type")).isEqualTo("application/json; charset=utf-8");
    assertThat(created.header("x-github-api-version-selected")).isEqualTo("2022-11-28");
    assertThat(created.header("x-github-request-id")).isNotBlank();
    assertThat(created.header("x-ratelimit-limit")).isEqualTo("5000");
    assertThat(created.header("x-ratelimit-remaining")).isEqualTo("4999");
    assertThat(created.header("x-ratelimit-used")).isEqualTo("1");
    assertThat(created.header("x-ratelimit-resource")).isEqualTo("core");
    assertThat(Long.parseLong(created.header("x-ratelimit-reset")))
        .isEqualTo(T0.plus(Duration.ofHours(1)).getEpochSecond());
    assertThat(hub.issue("o/r", 1).labels()).containsExactly("freeze");
    assertThat(hub.requestCount("issues/create")).isEqualTo(1);
  }

  @Test
  void getsAnIssueWithClosedBy() {
    int n = hub.createIssue("o/r", "t", null, List.of(), "bob");
    hub.clock().advance(Duration.ofMinutes(5));
    hub.closeIssue("o/r", n, "carol", "not_planned");

    JsonNode issue = Http.get(base + "/issues/" + n, token).json();

    assertThat(issue.get("state").asText()).isEqualTo("closed");
    assertThat(issue.get("state_reason").asText()).isEqualTo("not_planned");
    assertThat(issue.get("closed_by").get("login").asText()).isEqualTo("carol");
    assertThat(issue.get("closed_at").asText()).isEqualTo("2024-05-01T10:05:00Z");
    assertThat(issue.get("updated_at").asText()).isEqualTo("2024-05-01T10:05:00Z");
    assertThat(issue.get("body").isNull()).isTrue();
  }

  @Test
  void patchClosesAndReopensWithGitHubsFields() {
    int n = hub.createIssue("o/r", "t", "b", List.of("a"), "bob");
    hub.clock().advance(Duration.ofSeconds(30));

    JsonNode closed = Http.patch(base + "/issues/" + n, token, "{\"state\":\"closed\"}").json();
    assertThat(closed.get("state").asText()).isEqualTo("closed");
    assertThat(closed.get("state_reason").asText()).isEqualTo("completed");
    assertThat(closed.get("closed_by").get("login").asText()).isEqualTo("alice");
    assertThat(closed.get("closed_at").asText()).isEqualTo("2024-05-01T10:00:30Z");
    assertThat(closed.get("updated_at").asText()).isEqualTo("2024-05-01T10:00:30Z");

    hub.clock().advance(Duration.ofSeconds(30));
    JsonNode reopened = Http.patch(base + "/issues/" + n, token, "{\"state\":\"open\"}").json();
    assertThat(reopened.get("state").asText()).isEqualTo("open");
    assertThat(reopened.get("state_reason").asText()).isEqualTo("reopened");
    assertThat(reopened.get("closed_at").isNull()).isTrue();
    assertThat(reopened.get("closed_by").isNull()).isTrue();
    assertThat(reopened.get("updated_at").asText()).isEqualTo("2024-05-01T10:01:00Z");

    JsonNode notPlanned =
        Http.patch(
                base + "/issues/" + n,
                token,
                "{\"state\":\"closed\",\"state_reason\":\"not_planned\"}")
            .json();
    assertThat(notPlanned.get("state_reason").asText()).isEqualTo("not_planned");
    assertThat(hub.issue("o/r", n).closedBy()).isEqualTo("alice");
  }

  @Test
  void patchReplacesTitleBodyLabelsAndAssignees() {
    int n = hub.createIssue("o/r", "t", "b", List.of("a", "b"), "bob");
    hub.createUser("dave");
    hub.clock().advance(Duration.ofSeconds(5));

    Http.Response r =
        Http.patch(
            base + "/issues/" + n,
            token,
            "{\"title\":\"new\",\"body\":\"nb\",\"labels\":[\"c\"],\"assignees\":[\"dave\"]}");

    assertThat(r.status()).isEqualTo(200);
    Issue issue = hub.issue("o/r", n);
    assertThat(issue.title()).isEqualTo("new");
    assertThat(issue.body()).isEqualTo("nb");
    assertThat(issue.labels()).containsExactly("c");
    assertThat(issue.assignees()).containsExactly("dave");
    assertThat(issue.updatedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(r.json().get("assignee").get("login").asText()).isEqualTo("dave");
  }

  @Test
  void unknownAssigneeIs422() {
    int n = hub.createIssue("o/r", "t", "b", List.of(), "bob");
    Http.Response r = Http.patch(base + "/issues/" + n, token, "{\"assignees\":[\"nobody\"]}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("assignees");
  }

  @Test
  void listsWithPagingAndGitHubsExactLinkHeader() {
    hub.seedIssues("o/r", 5, i -> IssueSeed.open("issue " + i));
    long id = hub.createRepo("o/r").id();
    String links = hub.baseUrl() + "/repositories/" + id + "/issues?state=all&per_page=2&page=";

    Http.Response first = Http.get(base + "/issues?state=all&per_page=2", token);
    assertThat(first.json()).hasSize(2);
    assertThat(first.header("link"))
        .isEqualTo("<" + links + "2>; rel=\"next\", <" + links + "3>; rel=\"last\"");

    Http.Response middle = Http.get(base + "/issues?state=all&per_page=2&page=2", token);
    assertThat(middle.header("link"))
        .isEqualTo(
            "<"
                + links
                + "1>; rel=\"prev\", <"
                + links
                + "3>; rel=\"next\", <"
                + links
                + "3>; rel=\"last\", <"
                + links
                + "1>; rel=\"first\"");

    Http.Response last =
        Http.get(
            hub.baseUrl() + "/repositories/" + id + "/issues?state=all&per_page=2&page=3", token);
    assertThat(last.json()).hasSize(1);
    assertThat(last.json().get(0).get("number").asInt()).isEqualTo(1);
    assertThat(last.header("link"))
        .isEqualTo("<" + links + "2>; rel=\"prev\", <" + links + "1>; rel=\"first\"");

    Http.Response single = Http.get(base + "/issues", token);
    assertThat(single.header("link")).isNull();
    assertThat(single.json()).hasSize(5);
  }

  @Test
  void followingLinksVisitsEveryIssueOnce() {
    hub.seedIssues("o/r", 250, i -> IssueSeed.open("issue " + i));
    List<Integer> seen = new ArrayList<>();
    String url = base + "/issues?per_page=100";
    while (url != null) {
      Http.Response page = Http.get(url, token);
      page.json().forEach(i -> seen.add(i.get("number").asInt()));
      String link = page.header("link");
      url = null;
      if (link != null) {
        for (String part : link.split(", ")) {
          if (part.endsWith("rel=\"next\"")) {
            url = part.substring(1, part.indexOf('>'));
          }
        }
      }
    }
    assertThat(seen).hasSize(250).doesNotHaveDuplicates();
    assertThat(seen.get(0)).isEqualTo(250);
  }

  @Test
  void filtersByStateLabelsSinceCreatorAndSorts() {
    MovableClock clock = hub.clock();
    int a = hub.createIssue("o/r", "a", null, List.of("x", "y"), "bob");
    clock.advance(Duration.ofMinutes(1));
    int b = hub.createIssue("o/r", "b", null, List.of("x"), "carol");
    clock.advance(Duration.ofMinutes(1));
    int c = hub.createIssue("o/r", "c", null, List.of("X", "y"), "bob");
    clock.advance(Duration.ofMinutes(1));
    hub.closeIssue("o/r", b, "bob");
    clock.advance(Duration.ofMinutes(1));
    hub.addComment("o/r", a, "bob", "bump");

    assertThat(numbers("")).containsExactly(c, a);
    assertThat(numbers("?state=closed")).containsExactly(b);
    assertThat(numbers("?state=all")).containsExactly(c, b, a);
    assertThat(numbers("?state=all&direction=asc")).containsExactly(a, b, c);
    assertThat(numbers("?state=all&labels=x,y")).containsExactly(c, a);
    assertThat(numbers("?state=all&labels=x")).containsExactly(c, b, a);
    assertThat(numbers("?state=all&sort=updated")).containsExactly(a, b, c);
    assertThat(numbers("?state=all&sort=comments")).containsExactly(a, c, b);
    assertThat(numbers("?state=all&since=2024-05-01T10:03:00Z")).containsExactly(b, a);
    assertThat(numbers("?state=all&since=2024-05-01T10:04:00Z")).containsExactly(a);
    assertThat(numbers("?state=all&creator=bob")).containsExactly(c, a);
  }

  private List<Integer> numbers(String query) {
    Http.Response r = Http.get(base + "/issues" + query, token);
    assertThat(r.status()).isEqualTo(200);
    List<Integer> numbers = new ArrayList<>();
    r.json().forEach(i -> numbers.add(i.get("number").asInt()));
    return numbers;
  }

  @Test
  void pullRequestsAreListedWithAPullRequestKey() {
    hub.createIssue("o/r", "issue", null, List.of(), "bob");
    int pr = hub.createPullRequest("o/r", "a PR", "bob");

    JsonNode list = Http.get(base + "/issues", token).json();

    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("number").asInt()).isEqualTo(pr);
    assertThat(list.get(0).get("pull_request").get("url").asText())
        .isEqualTo(hub.baseUrl() + "/repos/o/r/pulls/" + pr);
    assertThat(list.get(1).has("pull_request")).isFalse();
    assertThat(hub.issue("o/r", pr).pullRequest()).isTrue();
  }

  @Test
  void validationErrorsAre422InGitHubsShape() {
    Http.Response noTitle = Http.post(base + "/issues", token, "{\"body\":\"x\"}");
    assertThat(noTitle.status()).isEqualTo(422);
    JsonNode error = noTitle.json();
    assertThat(error.get("message").asText()).isEqualTo("Validation Failed");
    assertThat(error.get("errors").get(0).get("code").asText()).isEqualTo("missing_field");
    assertThat(error.get("errors").get(0).get("field").asText()).isEqualTo("title");
    assertThat(error.get("errors").get(0).get("resource").asText()).isEqualTo("Issue");
    assertThat(error.get("status").asText()).isEqualTo("422");
    assertThat(error.get("documentation_url").asText()).startsWith("https://docs.github.com/");

    String longTitle = "t".repeat(257);
    assertThat(Http.post(base + "/issues", token, "{\"title\":\"" + longTitle + "\"}").status())
        .isEqualTo(422);
    assertThat(
            Http.post(base + "/issues", token, "{\"title\":\"" + "t".repeat(256) + "\"}").status())
        .isEqualTo(201);
    String longBody = "b".repeat(65_537);
    assertThat(
            Http.post(base + "/issues", token, "{\"title\":\"t\",\"body\":\"" + longBody + "\"}")
                .status())
        .isEqualTo(422);
    assertThat(Http.patch(base + "/issues/1", token, "{\"state\":\"shut\"}").status())
        .isEqualTo(422);
    assertThat(Http.post(base + "/issues", token, "{not json").status()).isEqualTo(400);
    assertThat(hub.issues("o/r")).hasSize(1);
  }

  @Test
  void authenticationAndVisibilityErrors() {
    hub.createRepo("o/secret", RepoOptions.PRIVATE);
    hub.createRepo("o/noissues", RepoOptions.ISSUES_DISABLED);
    hub.createIssue("o/r", "t", null, List.of(), "bob");

    Http.Response bad = Http.get(base + "/issues", "ghp_unknown");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.json().get("message").asText()).isEqualTo("Bad credentials");
    assertThat(bad.json().get("documentation_url").asText())
        .isEqualTo("https://docs.github.com/rest");
    assertThat(bad.json().get("status").asText()).isEqualTo("401");

    Http.Response anonymousRead = Http.get(base + "/issues", null);
    assertThat(anonymousRead.status()).isEqualTo(200);
    assertThat(anonymousRead.header("x-ratelimit-limit")).isEqualTo("60");

    Http.Response anonymousWrite = Http.post(base + "/issues", null, "{\"title\":\"x\"}");
    assertThat(anonymousWrite.status()).isEqualTo(401);
    assertThat(anonymousWrite.json().get("message").asText()).isEqualTo("Requires authentication");

    Http.Response hidden = Http.get(hub.baseUrl() + "/repos/o/secret/issues", null);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.json().get("message").asText()).isEqualTo("Not Found");
    assertThat(hidden.json().get("status").asText()).isEqualTo("404");
    assertThat(Http.get(hub.baseUrl() + "/repos/o/secret/issues", token).status()).isEqualTo(200);

    assertThat(Http.get(hub.baseUrl() + "/repos/o/missing", token).status()).isEqualTo(404);
    assertThat(Http.get(base + "/issues/99", token).status()).isEqualTo(404);

    Http.Response gone = Http.get(hub.baseUrl() + "/repos/o/noissues/issues", token);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.json().get("message").asText()).isEqualTo("Issues are disabled for this repo");
    assertThat(
            Http.get(hub.baseUrl() + "/repos/o/noissues", token)
                .json()
                .get("has_issues")
                .asBoolean())
        .isFalse();
  }

  @Test
  void tokenSchemeAlsoAccepted() {
    Http.Response r = Http.get(base + "/issues", null, "Authorization", "token " + token);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("x-ratelimit-limit")).isEqualTo("5000");
  }

  @Test
  void repositoryEndpoint() {
    hub.createIssue("o/r", "t", null, List.of(), "bob");
    hub.createIssue("o/r", "t2", null, List.of(), "bob");
    hub.closeIssue("o/r", 2, "bob");

    JsonNode repo = Http.get(base, token).json();

    assertThat(repo.get("id").asLong()).isEqualTo(hub.createRepo("o/r").id());
    assertThat(repo.get("full_name").asText()).isEqualTo("o/r");
    assertThat(repo.get("owner").get("login").asText()).isEqualTo("o");
    assertThat(repo.get("has_issues").asBoolean()).isTrue();
    assertThat(repo.get("private").asBoolean()).isFalse();
    assertThat(repo.get("open_issues_count").asInt()).isEqualTo(1);
  }

  @Test
  void etagAnswers304WithoutCountingAgainstTheRateLimit() {
    hub.createIssue("o/r", "t", null, List.of(), "bob");
    Http.Response first = Http.get(base + "/issues", token);
    String etag = first.header("etag");
    assertThat(etag).startsWith("W/\"");
    assertThat(first.header("x-ratelimit-remaining")).isEqualTo("4999");

    Http.Response again = Http.get(base + "/issues", token, "If-None-Match", etag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.header("x-ratelimit-remaining")).isEqualTo("4999");

    hub.createIssue("o/r", "t2", null, List.of(), "bob");
    Http.Response changed = Http.get(base + "/issues", token, "If-None-Match", etag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("x-ratelimit-remaining")).isEqualTo("4998");
  }

  @Test
  void anonymousRateLimitIsExhaustedAfter60() {
    for (int i = 0; i < 60; i++) {
      assertThat(Http.get(base + "/issues", null).status()).isEqualTo(200);
    }
    Http.Response limited = Http.get(base + "/issues", null);
    assertThat(limited.status()).isEqualTo(403);
    assertThat(limited.json().get("message").asText())
        .startsWith("API rate limit exceeded for 127.0.0.1");
    assertThat(limited.header("x-ratelimit-remaining")).isEqualTo("0");
    hub.clock().advance(Duration.ofHours(1));
    assertThat(Http.get(base + "/issues", null).status()).isEqualTo(200);
  }

  @Test
  void rateLimitEndpointIsNotCounted() {
    Http.get(base + "/issues", token);
    JsonNode limits = Http.get(hub.baseUrl() + "/rate_limit", token).json();
    JsonNode again = Http.get(hub.baseUrl() + "/rate_limit", token).json();
    assertThat(limits.get("resources").get("core").get("used").asInt()).isEqualTo(1);
    assertThat(again.get("rate").get("remaining").asInt()).isEqualTo(4999);
    assertThat(again.get("resources").get("search").get("limit").asInt()).isEqualTo(30);
  }

  @Test
  void enterprisePrefixServesTheSameApiWithPrefixedUrls() {
    String ghe = hub.enterpriseBaseUrl();
    assertThat(ghe).isEqualTo(hub.baseUrl() + "/api/v3");
    Http.Response created = Http.post(ghe + "/repos/o/r/issues", token, "{\"title\":\"t\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("url").asText()).isEqualTo(ghe + "/repos/o/r/issues/1");
    hub.createIssue("o/r", "t2", null, List.of(), "bob");
    Http.Response list = Http.get(ghe + "/repos/o/r/issues?per_page=1", token);
    long id = hub.createRepo("o/r").id();
    assertThat(list.header("link"))
        .startsWith("<" + ghe + "/repositories/" + id + "/issues?per_page=1&page=2>");
    assertThat(hub.requests().get(0).path()).isEqualTo("/api/v3/repos/o/r/issues");
    assertThat(hub.requests().get(0).operation()).isEqualTo("issues/create");
  }

  @Test
  void recordsRequestsAndResponses() {
    Http.post(base + "/issues", token, "{\"title\":\"t\"}");
    Http.get(base + "/issues?state=all", token);

    List<RecordedRequest> requests = hub.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).method()).isEqualTo("POST");
    assertThat(requests.get(0).body()).isEqualTo("{\"title\":\"t\"}");
    assertThat(requests.get(0).status()).isEqualTo(201);
    assertThat(requests.get(0).header("authorization")).isEqualTo("Bearer " + token);
    assertThat(requests.get(1).query()).isEqualTo("state=all");
    assertThat(requests.get(1).operation()).isEqualTo("issues/list-for-repo");
    assertThat(requests.get(1).responseBody()).contains("\"title\":\"t\"");
    assertThat(hub.requestCount("issues/list-for-repo")).isEqualTo(1);
    hub.clearRequests();
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void javaApiRenameLabelsAndReopen() {
    int n = hub.createIssue("o/r", "t", null, List.of(), "bob");
    hub.clock().advance(Duration.ofSeconds(1));
    hub.renameIssue("o/r", n, "renamed");
    hub.addLabels("o/r", n, "l1", "l2");
    hub.closeIssue("o/r", n, "bob");
    hub.reopenIssue("o/r", n, "bob");
    Issue issue = hub.issue("o/r", n);
    assertThat(issue.title()).isEqualTo("renamed");
    assertThat(issue.labels()).containsExactly("l1", "l2");
    assertThat(issue.state()).isEqualTo("open");
    assertThat(issue.stateReason()).isEqualTo("reopened");
    assertThat(issue.closedAt()).isNull();
    assertThat(issue.updatedAt()).isEqualTo(T0.plusSeconds(1));
    JsonNode labels = Http.get(base + "/labels", token).json();
    assertThat(labels).hasSize(2);
    assertThat(labels.get(0).get("color").asText()).hasSize(6);
  }
}
