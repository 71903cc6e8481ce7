package trafficlight.gate;

import java.util.List;

/**
 * The deploy records of a gate issue that count, and who wrote the ones that do not ({@link
 * DeployRecord#readIssue}).
 *
 * @param counted the counted records, oldest first, each with the text it was read from
 * @param ignoredAuthors who wrote records that do not count, each once, in the order first met
 */
public record IssueRecords(List<Recorded> counted, List<String> ignoredAuthors) {

  /** A counted record and the issue text (body or comment) that holds it. */
  public record Recorded(DeployRecord record, IssueText from) {}

  public IssueRecords {
    counted = List.copyOf(counted);
    ignoredAuthors = List.copyOf(ignoredAuthors);
  }

  /** The counted records alone, oldest first. */
  public List<DeployRecord> records() {
    return counted.stream().map(Recorded::record).toList();
  }

  /** Why a record by one of {@link #ignoredAuthors} was ignored, for people. */
  public static final String WHY_IGNORED = "not written by the pipeline";
}
