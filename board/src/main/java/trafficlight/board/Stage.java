package trafficlight.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import trafficlight.gate.ApprovalRule;

/**
 * One stage of a project, with its light.
 *
 * @param name the stage as the titles spell it ({@code applications.myapp.QA})
 * @param shortName its last dot-separated part ({@code QA}), the board's column
 * @param status {@code waiting}, {@code promoted}, {@code consumed}, {@code final}, {@code not
 *     planned} or {@code never deployed}
 * @param next the stage its {@code promotion-to-} label names, or null
 * @param finalStage whether its issues carry {@code finalized-deployment}
 * @param latest the latest gate issue (duplicates left out), or null when never deployed
 * @param lastDeployAt the latest build recorded, or the latest issue's creation
 * @param waiting how long the open issue has waited (amber only), else null
 * @param buildsWaiting deploys the open issue holds (amber only), else 0
 * @param issues the stage's gate issues, newest first, duplicates left out
 */
public record Stage(
    String project,
    String name,
    String shortName,
    Light light,
    String status,
    String next,
    boolean finalStage,
    GateIssue latest,
    Instant lastDeployAt,
    Duration waiting,
    int buildsWaiting,
    List<GateIssue> issues) {

  /** Every build recorded for this stage, newest first. */
  public List<Build> builds() {
    List<Build> all = new ArrayList<>();
    for (GateIssue issue : issues) {
      List<Build> own = new ArrayList<>(issue.builds());
      Collections.reverse(own);
      all.addAll(own);
    }
    all.sort(Comparator.comparing(Build::at).reversed());
    return all;
  }

  /**
   * Who may promote this stage to the next, as the latest issue's deploy records say; empty when
   * they do not say (or the stage was never deployed).
   */
  public Optional<ApprovalRule> approvalRule() {
    return latest == null ? Optional.empty() : latest.approvalRule();
  }

  /** The latest build, or null. */
  public Build latestBuild() {
    List<Build> all = builds();
    return all.isEmpty() ? null : all.get(0);
  }

  /**
   * Whether {@code text} names this stage: its name or short name, ignoring case and punctuation.
   */
  public boolean named(String text) {
    String n = normalize(text);
    return n.equals(normalize(name)) || n.equals(normalize(shortName));
  }

  static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
