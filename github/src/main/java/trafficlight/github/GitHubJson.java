package trafficlight.github;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import trafficlight.json.Json;

/** Reads GitHub's JSON into this project's records, and writes request bodies. */
final class GitHubJson {

  private GitHubJson() {}

  static Object parse(String text) throws IOException {
    return Json.parse(text);
  }

  static String write(Object value) {
    return Json.write(value);
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
        m.get("pull_request") != null,
        login(m.get("user")));
  }

  static List<Issue> issues(Object json) {
    return each(json, GitHubJson::issue);
  }

  static Comment comment(Object json) {
    Map<?, ?> m = (Map<?, ?>) json;
    return new Comment(
        number(m.get("id")),
        (String) m.get("body"),
        login(m.get("user")),
        (String) m.get("html_url"),
        instant(m.get("created_at")),
        instant(m.get("updated_at")),
        (String) m.get("author_association"));
  }

  static List<Comment> comments(Object json) {
    return each(json, GitHubJson::comment);
  }

  static CommitSummary commitSummary(Object json) {
    Map<?, ?> m = (Map<?, ?>) json;
    String message =
        m.get("commit") instanceof Map<?, ?> commit && commit.get("message") instanceof String text
            ? text
            : "";
    return new CommitSummary(
        (String) m.get("sha"),
        CommitSummary.subjectOf(message),
        message,
        login(m.get("author")),
        login(m.get("committer")),
        m.get("commit") instanceof Map<?, ?> commit
                && commit.get("author") instanceof Map<?, ?> author
            ? authorDate(author.get("date"))
            : null);
  }

  /** A commit's author date, or null when absent or unreadable (lead times then leave it out). */
  private static Instant authorDate(Object value) {
    try {
      return value instanceof String text ? OffsetDateTime.parse(text).toInstant() : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The fields of a commit this project reads, in GitHub's shape (for an immutable cache entry).
   */
  static Map<String, Object> commitJson(CommitSummary commit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sha", commit.sha());
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("message", commit.message());
    if (commit.authoredAt() != null) {
      inner.put("author", Map.of("date", commit.authoredAt().toString()));
    }
    m.put("commit", inner);
    m.put("author", commit.authorLogin() == null ? null : Map.of("login", commit.authorLogin()));
    m.put(
        "committer",
        commit.committerLogin() == null ? null : Map.of("login", commit.committerLogin()));
    return m;
  }

  static CommitComparison comparison(Object json) {
    Map<?, ?> m = (Map<?, ?>) json;
    List<CommitSummary> commits =
        m.get("commits") instanceof List<?> list
            ? each(list, GitHubJson::commitSummary)
            : new ArrayList<>();
    return new CommitComparison(
        (String) m.get("status"),
        (int) number(m.get("ahead_by")),
        (int) number(m.get("behind_by")),
        (int) number(m.get("total_commits")),
        m.get("merge_base_commit") instanceof Map<?, ?> base ? (String) base.get("sha") : null,
        commits,
        (String) m.get("html_url"));
  }

  /** The fields of a comparison this project reads, in GitHub's shape. */
  static Map<String, Object> comparisonJson(CommitComparison comparison) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("html_url", comparison.htmlUrl());
    m.put(
        "merge_base_commit",
        comparison.mergeBaseSha() == null ? null : Map.of("sha", comparison.mergeBaseSha()));
    m.put("status", comparison.status());
    m.put("ahead_by", comparison.aheadBy());
    m.put("behind_by", comparison.behindBy());
    m.put("total_commits", comparison.totalCommits());
    m.put("commits", comparison.commits().stream().map(GitHubJson::commitJson).toList());
    return m;
  }

  static Deployment deployment(Object json) {
    Map<?, ?> m = (Map<?, ?>) json;
    return new Deployment(
        number(m.get("id")),
        (String) m.get("sha"),
        (String) m.get("ref"),
        (String) m.get("environment"),
        Boolean.TRUE.equals(m.get("production_environment")),
        (String) m.get("description"),
        login(m.get("creator")),
        instant(m.get("created_at")));
  }

  static List<Deployment> deployments(Object json) {
    return each(json, GitHubJson::deployment);
  }

  static DeploymentStatus deploymentStatus(Object json) {
    Map<?, ?> m = (Map<?, ?>) json;
    return new DeploymentStatus(
        number(m.get("id")),
        (String) m.get("state"),
        (String) m.get("environment"),
        (String) m.get("log_url"),
        (String) m.get("description"),
        login(m.get("creator")),
        instant(m.get("created_at")));
  }

  static List<DeploymentStatus> deploymentStatuses(Object json) {
    return each(json, GitHubJson::deploymentStatus);
  }

  /** The items of a JSON array, each read by {@code item}. */
  private static <T> List<T> each(Object json, Function<Object, T> item) {
    List<T> items = new ArrayList<>();
    for (Object element : (List<?>) json) {
      items.add(item.apply(element));
    }
    return items;
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
