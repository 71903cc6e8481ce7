package trafficlight.resource.steps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import trafficlight.gate.Approval;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.DeployingNotice;
import trafficlight.gate.PromoteDirective;
import trafficlight.github.Comment;
import trafficlight.github.Issue;
import trafficlight.resource.protocol.ResourceException;

/**
 * Which of a closed gate issue's recorded builds its close approved: the one the last {@link
 * PromoteDirective} chose, else the newest. Only directives written before the close and not edited
 * after it count (the closer saw that text), and only from the closer or someone allowed to promote
 * ({@link CloseApproval#mayDirect}); an unauthorized one is ignored, said on stderr and named in
 * the deploying notice ({@link Chosen#ignored}). A directive that names no recorded build, or
 * several, fails the get: nothing may be deployed that nobody chose.
 */
final class ApprovedBuild {

  private final CloseApproval approval;
  private final Consumer<String> log;

  ApprovedBuild(CloseApproval approval, Consumer<String> log) {
    this.approval = approval;
    this.log = log;
  }

  /**
   * What the close approved.
   *
   * @param pickedBy whose {@code /promote} chose the build, or null when it is the newest
   * @param ignored the {@code /promote}s ignored, for the deploying notice
   */
  record Chosen(Approval approval, String pickedBy, List<String> ignored) {}

  /**
   * @param comments the issue's comments, oldest first
   * @param records the deploy records of its body and comments, oldest first
   * @throws ResourceException when the counted directive is refused, listing the recorded builds
   */
  Chosen of(Issue issue, List<Comment> comments, List<DeployRecord> records) {
    List<String> ignored = new ArrayList<>();
    Optional<Comment> directing = lastDirective(issue, comments, ignored);
    DeployRecord chosen;
    if (directing.isPresent()) {
      Comment comment = directing.get();
      PromoteDirective directive = PromoteDirective.parse(comment.body()).orElseThrow();
      PromoteDirective.Choice choice = directive.choose(records);
      if (choice instanceof PromoteDirective.Refused refused) {
        throw new ResourceException(
            "issue #"
                + issue.number()
                + ": "
                + refused.reason()
                + " (comment by "
                + comment.user()
                + " "
                + comment.htmlUrl()
                + "); nothing was renamed: reopen the issue, comment /promote with one of them,"
                + " and close it again");
      }
      chosen = ((PromoteDirective.Chosen) choice).record();
      log.accept(
          directive
              + " by "
              + comment.user()
              + " chose build "
              + chosen.buildName()
              + " (`"
              + chosen.shortCommit()
              + "`) over the newest");
    } else {
      // When the newest build recorded no commit, none is pinned, even if an older build did:
      // the newest may have deployed something else.
      chosen = records.isEmpty() ? null : records.get(records.size() - 1);
    }
    return new Chosen(
        Approval.of(issue.number(), issue.htmlUrl(), chosen, issue.closedBy(), issue.closedAt()),
        directing.map(Comment::user).orElse(null),
        ignored);
  }

  /**
   * The newest directive written before the close, unedited since, by someone who may direct, if
   * any.
   */
  private Optional<Comment> lastDirective(
      Issue issue, List<Comment> comments, List<String> ignored) {
    for (int i = comments.size() - 1; i >= 0; i--) {
      Comment comment = comments.get(i);
      if (afterTheClose(issue, comment.createdAt())) {
        continue; // written after the close: not what the closer approved
      }
      Optional<PromoteDirective> directive = PromoteDirective.parse(comment.body());
      if (directive.isEmpty()) {
        continue;
      }
      if (approval.mayDirect(issue, comment)) {
        if (afterTheClose(issue, comment.updatedAt())) {
          // What the closer saw is gone, and an earlier directive is one they saw overridden:
          // neither is known to be what they approved, so a person must close again.
          throw new ResourceException(
              "issue #"
                  + issue.number()
                  + ": the "
                  + directive.get()
                  + " comment by "
                  + comment.user()
                  + " was edited at "
                  + comment.updatedAt()
                  + ", after the close at "
                  + issue.closedAt()
                  + ", so what the closer approved is not known ("
                  + comment.htmlUrl()
                  + "); nothing was renamed: reopen the issue and close it again to approve the"
                  + " comment as it reads now");
        }
        return Optional.of(comment);
      }
      log.accept(
          "ignored "
              + directive.get()
              + " by "
              + comment.user()
              + ": only someone allowed to promote may choose the build ("
              + approval.whoMayDirect()
              + ") "
              + comment.htmlUrl());
      ignored.add(0, DeployingNotice.ignoredDirective(directive.get(), comment.user()));
    }
    return Optional.empty();
  }

  private static boolean afterTheClose(Issue issue, Instant at) {
    return issue.closedAt() != null && at != null && at.isAfter(issue.closedAt());
  }
}
