package trafficlight.localhub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code q} of {@code GET /search/issues}: the qualifiers {@code repo:}, {@code is:issue|pr|
 * open|closed}, {@code type:}, {@code state:}, {@code label:} (repeatable, quoted), {@code in:},
 * {@code author:}, and free text words.
 */
record SearchQuery(
    List<String> repos,
    Boolean pullRequests,
    String state,
    List<String> labels,
    String author,
    boolean titleOnly,
    List<String> words) {

  static SearchQuery parse(String q) {
    List<String> repos = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> words = new ArrayList<>();
    Boolean pullRequests = null;
    String state = null;
    String author = null;
    boolean titleOnly = false;
    for (String token : tokens(q)) {
      int colon = token.indexOf(':');
      String key = colon > 0 ? token.substring(0, colon).toLowerCase(Locale.ROOT) : "";
      String value = colon > 0 ? unquote(token.substring(colon + 1)) : unquote(token);
      switch (key) {
        case "repo" -> repos.add(value);
        case "label" -> labels.add(value);
        case "author" -> author = value;
        case "state" -> state = value.toLowerCase(Locale.ROOT);
        case "in" -> titleOnly = value.equalsIgnoreCase("title");
        case "is", "type" -> {
          switch (value.toLowerCase(Locale.ROOT)) {
            case "issue" -> pullRequests = false;
            case "pr" -> pullRequests = true;
            case "open", "closed" -> state = value.toLowerCase(Locale.ROOT);
            default -> {}
          }
        }
        default -> words.add(value.toLowerCase(Locale.ROOT));
      }
    }
    return new SearchQuery(repos, pullRequests, state, labels, author, titleOnly, words);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  /** Splits on white space outside double quotes. */
  private static List<String> tokens(String q) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (char c : q.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (current.length() > 0) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    return tokens;
  }

  boolean matches(StoredIssue issue) {
    if (pullRequests != null && pullRequests != issue.pullRequest()) {
      return false;
    }
    if (state != null && !state.equals(issue.state())) {
      return false;
    }
    if (author != null && !author.equalsIgnoreCase(issue.author())) {
      return false;
    }
    if (!labels.stream().allMatch(l -> issue.labels().stream().anyMatch(l::equalsIgnoreCase))) {
      return false;
    }
    String haystack =
        (issue.title() + (titleOnly || issue.body() == null ? "" : "\n" + issue.body()))
            .toLowerCase(Locale.ROOT);
    return words.stream().allMatch(haystack::contains);
  }
}
