package trafficlight.localhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code GET /search/issues}: issues and pull requests of the repositories the caller can see. */
final class SearchEndpoint {
  private static final String DOCS =
      "https://docs.github.com/rest/search/search#search-issues-and-pull-requests";

  private SearchEndpoint() {}

  private record Hit(RepoState repo, StoredIssue issue) {}

  static ApiResponse search(ApiCall call) {
    String q = call.request.param("q");
    if (q == null || q.isBlank()) {
      ObjectNode error = Json.object();
      error.put("resource", "Search");
      error.put("field", "q");
      error.put("code", "missing");
      throw new ApiException(GitHubErrors.validationFailed(DOCS, error));
    }
    String sort =
        IssueValidation.oneOf(
            textOrNull(call.request.param("sort")), "sort", DOCS, "comments", "created", "updated");
    String order =
        IssueValidation.oneOf(
            textOrNull(call.request.param("order")), "order", DOCS, "asc", "desc");
    SearchQuery query = SearchQuery.parse(q);
    List<RepoState> repos = new ArrayList<>();
    if (query.repos().isEmpty()) {
      call.store.allRepos().stream()
          .filter(r -> call.principal.canRead(r.repo))
          .forEach(repos::add);
    } else {
      for (String name : query.repos()) {
        RepoState repo =
            call.store.repo(name).filter(r -> call.principal.canRead(r.repo)).orElse(null);
        if (repo == null) {
          ObjectNode error = Json.object();
          error.put(
              "message",
              "The listed users and repositories cannot be searched either because the resources"
                  + " do not exist or you do not have permission to view them.");
          error.put("resource", "Search");
          error.put("field", "q");
          error.put("code", "invalid");
          throw new ApiException(GitHubErrors.validationFailed(DOCS, error));
        }
        repos.add(repo);
      }
    }
    Comparator<Hit> comparator =
        Comparator.comparing(
            h -> h.issue(), IssuesEndpoints.comparator(sort == null ? "created" : sort));
    if (!"asc".equals(order)) {
      comparator = comparator.reversed();
    }
    List<Hit> hits =
        repos.stream()
            .filter(r -> r.repo.hasIssues())
            .flatMap(r -> r.issues.values().stream().filter(query::matches).map(i -> new Hit(r, i)))
            .sorted(comparator)
            .toList();
    Paging paging = Paging.of(call.request);
    ObjectNode body = Json.object();
    body.put("total_count", hits.size());
    body.put("incomplete_results", false);
    body.put("search_type", "lexical");
    ArrayNode items = body.putArray("items");
    paging.slice(hits).forEach(h -> items.add(call.render.searchItem(h.repo(), h.issue())));
    ApiResponse response = ApiResponse.json(200, body);
    String link =
        paging.linkHeader(
            call.request.apiBase() + "/search/issues",
            call.request.rawQuery(),
            Math.min(hits.size(), 1000));
    if (link != null) {
      response.header("link", link);
    }
    return response;
  }

  private static JsonNode textOrNull(String value) {
    return value == null || value.isEmpty() ? null : Json.MAPPER.getNodeFactory().textNode(value);
  }
}
