package trafficlight.github;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads GitHub's JSON into this project's records, and writes request bodies. */
final class GitHubJson {

  private GitHubJson() {}

  static Object parse(String text) throws IOException {
    return JSON.std.anyFrom(text);
  }

  static String write(Object value) {
    try {
      return JSON.std.asString(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static Issue issue(Object json) {
    Map<?, ?> m = (Map<?, ?>) json;
    return new Issue(
        number(m.get("number")),
        (String) m.get("title"),
        (String) m.get("body"),
        (String) m.get("state"),
        (String) m.get("state_reason"),
        names(m.get("labels"), "name"),
        names(m.get("assignees"), "login"),
        (String) m.get("url"),
        (String) m.get("html_url"),
        instant(m.get("created_at")),
        instant(m.get("updated_at")),
        instant(m.get("closed_at")),
        login(m.get("closed_by")),
        m.get("comments") == null ? 0 : (int) number(m.get("comments")),
        m.get("pull_request") != null);
  }

  static List<Issue> issues(Object json) {
    List<Issue> issues = new ArrayList<>();
    for (Object item : (List<?>) json) {
      issues.add(issue(item));
    }
    return issues;
  }

  static Comment comment(Object json) {
    Map<?, ?> m = (Map<?, ?>) json;
    return new Comment(
        number(m.get("id")),
        (String) m.get("body"),
        login(m.get("user")),
        (String) m.get("html_url"),
        instant(m.get("created_at")));
  }

  static List<Comment> comments(Object json) {
    List<Comment> comments = new ArrayList<>();
    for (Object item : (List<?>) json) {
      comments.add(comment(item));
    }
    return comments;
  }

  private static long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("expected a number, got " + value);
  }

  private static Instant instant(Object value) {
    return value == null ? null : Instant.parse((String) value);
  }

  private static String login(Object user) {
    return user instanceof Map<?, ?> m ? (String) m.get("login") : null;
  }

  /** Labels come as objects ({@code {"name": ...}}) and, in requests, as plain strings. */
  private static List<String> names(Object list, String key) {
    List<String> names = new ArrayList<>();
    if (list instanceof List<?> items) {
      for (Object item : items) {
        names.add(item instanceof Map<?, ?> m ? (String) m.get(key) : String.valueOf(item));
      }
    }
    return List.copyOf(names);
  }
}
