package trafficlight.localhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code per_page} (default 30, at most 100) and {@code page} (from 1) of a list request, and the
 * {@code Link} header GitHub sends with a page.
 */
record Paging(int perPage, int page) {

  static Paging of(ApiRequest request) {
    return new Paging(
        clamp(parse(request.param("per_page"), 30), 1, 100),
        Math.max(1, parse(request.param("page"), 1)));
  }

  private static int parse(String value, int defaultValue) {
    try {
      return value == null || value.isEmpty() ? defaultValue : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return defaultValue;
    }
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }

  <T> List<T> slice(List<T> all) {
    long from = (long) (page - 1) * perPage;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + perPage));
  }

  int lastPage(int total) {
    return Math.max(1, (total + perPage - 1) / perPage);
  }

  /**
   * GitHub's {@code Link} header: {@code <base?query&page=N>; rel="..."} for prev, next, last,
   * first (in that order, only those that apply), where query is the request's own query without
   * its {@code page}; null when there is only one page.
   */
  String linkHeader(String base, String rawQuery, int total) {
    int last = lastPage(total);
    List<String> links = new ArrayList<>();
    if (page > 1) {
      links.add(link(base, rawQuery, page - 1, "prev"));
    }
    if (page < last) {
      links.add(link(base, rawQuery, page + 1, "next"));
      links.add(link(base, rawQuery, last, "last"));
    }
    if (page > 1) {
      links.add(link(base, rawQuery, 1, "first"));
    }
    return links.isEmpty() ? null : String.join(", ", links);
  }

  private static String link(String base, String rawQuery, int page, String rel) {
    StringBuilder query = new StringBuilder();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty() || pair.equals("page") || pair.startsWith("page=")) {
          continue;
        }
        query.append(pair).append('&');
      }
    }
    query.append("page=").append(page);
    return "<" + base + "?" + query + ">; rel=\"" + rel + "\"";
  }

  /** The page of {@code all}, rendered, as a JSON array response with its Link header. */
  static <T> ApiResponse respond(
      ApiRequest request, String linkBase, List<T> all, Function<T, ? extends JsonNode> render) {
    Paging paging = of(request);
    ArrayNode array = Json.MAPPER.createArrayNode();
    paging.slice(all).forEach(item -> array.add(render.apply(item)));
    ApiResponse response = ApiResponse.json(200, array);
    String link = paging.linkHeader(linkBase, request.rawQuery(), all.size());
    if (link != null) {
      response.header("link", link);
    }
    return response;
  }
}
