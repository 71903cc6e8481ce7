package trafficlight.resource.gate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import trafficlight.github.Comment;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.Issue;
import trafficlight.github.IssueQuery;
import trafficlight.github.RepositoryName;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.Resource;
import trafficlight.resource.protocol.ResourceException;

/**
 * {@code out}: opens the issue for this title, or, when it is already open, comments this build on
 * it, so one issue lists every build waiting for promotion.
 *
 * <p>The open issue is found by listing open issues, not with the Search API: search lags writes by
 * seconds to minutes and allows 30 requests a minute, which is how mitodl's resource opens
 * duplicates. A create or comment whose response was lost is never blindly repeated: the issue or
 * comment is looked for first.
 */
final class IssuePublisher {

  static final int MAX_TITLE = 256;
  static final int MAX_BODY = 65_536;
  private static final int ATTEMPTS = 3;

  private final GitHubClient github;
  private final SourceConfig source;
  private final RepositoryName repository;
  private final Consumer<String> log;

  IssuePublisher(GitHubClient github, SourceConfig source, Consumer<String> log) {
    this.github = github;
    this.source = source;
    this.repository = source.repository();
    this.log = log;
  }

  Resource.Result publish(Path sources, BuildMetadata build, PutParams params) {
    Map<String, String> values = build.templateValues();
    String title = source.titleTemplate().render(values);
    if (title.isBlank()) {
      throw new ResourceException("issue_title_template renders an empty title");
    }
    if (title.length() > MAX_TITLE) {
      throw new ResourceException(
          "the issue title has "
              + title.length()
              + " characters, GitHub allows "
              + MAX_TITLE
              + ": shorten issue_title_template (it rendered \""
              + title.substring(0, 60)
              + "...\")");
    }
    String body =
        params.bodyFile() != null
            ? BodyFile.read(sources, params.bodyFile())
            : source.bodyTemplate().render(values);
    body = fit(body);

    Issue existing = findOpen(title);
    String action;
    Issue issue;
    if (existing != null) {
      comment(existing, body);
      issue = existing;
      action = "commented";
      log.accept(
          "commented build "
              + build.get("BUILD_NAME")
              + " on #"
              + issue.number()
              + " "
              + issue.htmlUrl());
    } else {
      issue =
          create(
              title,
              body,
              union(source.labels(), params.labels()),
              union(source.assignees(), params.assignees()));
      action = "created";
      log.accept("opened #" + issue.number() + " " + issue.htmlUrl());
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("number", Long.toString(issue.number()));
    metadata.put("html_url", issue.htmlUrl());
    metadata.put("action", action);
    metadata.put("title", issue.title());
    return new Resource.Result(IssueVersion.of(issue), metadata);
  }

  /** The oldest open issue with exactly this title, or null. */
  private Issue findOpen(String title) {
    for (Issue issue :
        github.listIssues(repository, IssueQuery.open().withLabels(source.labels()))) {
      if (!issue.pullRequest() && title.equals(issue.title())) {
        return issue;
      }
    }
    return null;
  }

  private Issue create(String title, String body, List<String> labels, List<String> assignees) {
    for (int attempt = 1; ; attempt++) {
      try {
        return github.createIssue(repository, title, body, labels, assignees);
      } catch (GitHubException e) {
        if (!e.outcomeUnknown() || attempt == ATTEMPTS) {
          throw e;
        }
        log.accept(e.getMessage() + "; looking for the issue before trying again");
        Issue created = findOpen(title);
        if (created != null) {
          log.accept("the create did reach GitHub: #" + created.number());
          return created;
        }
      }
    }
  }

  private void comment(Issue issue, String body) {
    Instant since = issue.updatedAt();
    for (int attempt = 1; ; attempt++) {
      try {
        github.createComment(repository, issue.number(), body);
        return;
      } catch (GitHubException e) {
        if (!e.outcomeUnknown() || attempt == ATTEMPTS) {
          throw e;
        }
        log.accept(e.getMessage() + "; looking for the comment before trying again");
        for (Comment comment : github.listComments(repository, issue.number(), since)) {
          if (body.strip().equals(comment.body() == null ? null : comment.body().strip())) {
            log.accept("the comment did reach GitHub: " + comment.htmlUrl());
            return;
          }
        }
      }
    }
  }

  /** Cuts a body GitHub would refuse, saying so in the body itself. */
  private String fit(String body) {
    if (body.length() <= MAX_BODY) {
      return body;
    }
    String note =
        "\n\n---\n*This text was cut: it had "
            + body.length()
            + " characters and GitHub allows "
            + MAX_BODY
            + ". The build log has it all.*\n";
    int keep = MAX_BODY - note.length();
    if (Character.isHighSurrogate(body.charAt(keep - 1))) {
      keep--;
    }
    log.accept("the issue body has " + body.length() + " characters; cut to GitHub's " + MAX_BODY);
    return body.substring(0, keep) + note;
  }

  private static List<String> union(List<String> a, List<String> b) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }
}
