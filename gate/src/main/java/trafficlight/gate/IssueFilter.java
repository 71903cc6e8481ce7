package trafficlight.gate;

import java.util.List;

/**
 * Which issues are versions of a gate resource, as its {@code source} says: not pull requests, in
 * the watched state, titled with the prefix, carrying every label and none of the skip labels. An
 * issue closed as not planned or as a duplicate is an abandoned promotion and never a version.
 *
 * <p>The resource's {@code check} and the webhook relay both ask this, so that a delivery the relay
 * forwards is one the check will find.
 *
 * @param state {@code issue_state}: {@code open} or {@code closed}
 * @param prefix {@code issue_prefix}
 * @param labels {@code labels}: every one must be on the issue
 * @param skipIfLabeled {@code skip_if_labeled}: none may be on the issue
 */
public record IssueFilter(
    String state, String prefix, List<String> labels, List<String> skipIfLabeled) {

  public IssueFilter {
    labels = List.copyOf(labels);
    skipIfLabeled = List.copyOf(skipIfLabeled);
  }

  /** The fields of an issue the decision reads, however the caller got them. */
  public record Candidate(
      String title, String state, String stateReason, List<String> labels, boolean pullRequest) {

    public Candidate {
      labels = labels == null ? List.of() : List.copyOf(labels);
    }
  }

  public boolean matches(Candidate issue) {
    return !issue.pullRequest()
        && state.equals(issue.state())
        && !("closed".equals(issue.state()) && isAbandoned(issue.stateReason()))
        && issue.title() != null
        && issue.title().startsWith(prefix)
        && issue.labels().containsAll(labels)
        && skipIfLabeled.stream().noneMatch(issue.labels()::contains);
  }

  /**
   * Whether a close with this {@code state_reason} abandons the promotion, so it is never a
   * go-ahead ({@link CloseReason#abandons}).
   */
  public static boolean isAbandoned(String stateReason) {
    return CloseReason.of(stateReason).abandons();
  }
}
