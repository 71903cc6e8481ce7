package trafficlight.resource.gate;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import trafficlight.gate.ApprovalDecision;
import trafficlight.gate.ConsumedPrefix;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.Issue;
import trafficlight.github.RepositoryName;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.Resource;
import trafficlight.resource.protocol.ResourceException;
import trafficlight.resource.protocol.Version;

/**
 * {@code in}: writes the issue's files and consumes a closed issue by putting the {@link
 * ConsumedPrefix} before its current title, once, so it never triggers again. Open issues are never
 * renamed: the implicit get after a put must be harmless. With {@code approvers} or {@code
 * forbid_self_approval}, a closed issue whose close the rule refuses fails the get, and nothing is
 * renamed or written.
 */
final class IssueConsumer {

  private final GitHubClient github;
  private final RepositoryName repository;
  private final Consumer<String> log;
  private final CloseApproval approval;

  IssueConsumer(GitHubClient github, SourceConfig source, Consumer<String> log) {
    this.github = github;
    this.repository = source.repository();
    this.log = log;
    this.approval = new CloseApproval(github, source);
  }

  Resource.Result consume(Version version, Path destination, BuildMetadata build, boolean consume) {
    long number = IssueVersion.number(version);
    Issue issue;
    try {
      issue = github.getIssue(repository, number);
    } catch (GitHubException e) {
      if (e.status() == 404 || e.status() == 410) {
        throw new ResourceException(
            "issue #"
                + number
                + " of "
                + repository
                + " no longer exists ("
                + e.getMessage()
                + ")");
      }
      throw e;
    }
    if (issue.isClosed()
        && !ConsumedPrefix.isConsumed(issue.title())
        && approval.decide(issue) instanceof ApprovalDecision.Refused refused) {
      throw new ResourceException(
          "issue #" + number + " is not a go-ahead: " + refused.reason() + "; nothing was renamed");
    }
    if (consume && issue.isClosed() && !ConsumedPrefix.isConsumed(issue.title())) {
      String title = ConsumedPrefix.add(issue.title(), buildName(build));
      issue = github.updateIssue(repository, number, Map.of("title", title));
      log.accept("consumed #" + number + ": renamed to \"" + issue.title() + "\"");
    }
    write(destination.resolve("gh_issue.json"), version.fields());
    write(destination.resolve("issue.json"), details(issue));
    return new Resource.Result(version, metadata(issue));
  }

  private static String buildName(BuildMetadata build) {
    String name = build.get("BUILD_NAME");
    return name.isEmpty() ? build.get("BUILD_ID") : name;
  }

  static Map<String, String> metadata(Issue issue) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("number", Long.toString(issue.number()));
    metadata.put("title", issue.title());
    metadata.put("state", issue.state());
    metadata.put("html_url", issue.htmlUrl());
    return metadata;
  }

  private static Map<String, Object> details(Issue issue) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("number", issue.number());
    details.put("title", issue.title());
    details.put("state", issue.state());
    details.put("state_reason", issue.stateReason());
    details.put("labels", issue.labels());
    details.put("body", issue.body());
    details.put("html_url", issue.htmlUrl());
    details.put("created_at", text(issue.createdAt()));
    details.put("closed_at", text(issue.closedAt()));
    details.put("closed_by", issue.closedBy());
    details.put("comments", issue.comments());
    return details;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** Writes through a temporary file, so a failure never leaves half a file. */
  private static void write(Path file, Object json) {
    try {
      Path temporary = Files.createTempFile(file.getParent(), ".", ".tmp");
      Files.writeString(
          temporary,
          JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(json),
          StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ResourceException("cannot write " + file + ": " + e.getMessage());
    }
  }
}
