package trafficlight.resource.gate;

import java.util.List;
import trafficlight.github.Issue;

/**
 * Which issues are versions of a resource: not pull requests, in the watched state, titled with the
 * prefix, carrying every label and none of the skip labels. An issue closed as not planned is an
 * abandoned promotion and never a version.
 */
record IssueFilter(String state, String prefix, List<String> labels, List<String> skipIfLabeled) {

  private static final List<String> NOT_A_GO_AHEAD = List.of("not_planned", "duplicate");

  static IssueFilter of(SourceConfig source) {
    return new IssueFilter(
        source.issueState(), source.issuePrefix(), source.labels(), source.skipIfLabeled());
  }

  boolean matches(Issue issue) {
    return !issue.pullRequest()
        && state.equals(issue.state())
        && !(issue.isClosed() && NOT_A_GO_AHEAD.contains(issue.stateReason()))
        && issue.title() != null
        && issue.title().startsWith(prefix)
        && issue.labels().containsAll(labels)
        && skipIfLabeled.stream().noneMatch(issue.labels()::contains);
  }
}
