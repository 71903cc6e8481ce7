package trafficlight.board;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers "has my commit been deployed to X, and how do I get it there?" from the deploy records.
 */
public final class Where {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{4,64}");

  private Where() {}

  /**
   * The answer for one stage.
   *
   * @param build the first build of this stage that deployed the commit, or null
   * @param closeToPromote the open issue whose closing would promote the commit here, or null
   * @param answer one line for a person
   */
  public record StageAnswer(
      String project,
      String stage,
      String shortName,
      Light light,
      boolean deployed,
      Build build,
      Long closeToPromote,
      String closeUrl,
      String answer) {}

  /**
   * @param commits the full SHAs the prefix matched (one, unless the prefix is ambiguous)
   * @param stages the stages of every project that ever deployed a matching commit, in order
   */
  public record Answer(
      String query, List<String> commits, String subject, List<StageAnswer> stages) {
    public boolean found() {
      return !commits.isEmpty();
    }
  }

  /**
   * Where the commit (a SHA or a prefix of at least 4 hex digits) is.
   *
   * @throws IllegalArgumentException for a malformed query or an ambiguous prefix
   */
  public static Answer find(Board board, String query) {
    String prefix = query.strip().toLowerCase(Locale.ROOT);
    if (!HEX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "a commit is 4 to 64 hex digits (a SHA or a prefix of one), got \"" + query + "\"");
    }
    Set<String> commits = new LinkedHashSet<>();
    String subject = null;
    for (Project p : board.projects()) {
      for (Stage s : p.stages()) {
        for (Build b : s.builds()) {
          if (b.deployed(prefix)) {
            commits.add(b.commit());
            if (subject == null) {
              subject = b.subject();
            }
          }
        }
      }
    }
    if (commits.size() > 1) {
      throw new IllegalArgumentException(
          "commit prefix "
              + prefix
              + " is ambiguous: it matches "
              + String.join(", ", commits)
              + "; give more digits");
    }
    List<StageAnswer> answers = new ArrayList<>();
    if (commits.isEmpty()) {
      return new Answer(prefix, List.of(), null, answers);
    }
    String commit = commits.iterator().next();
    for (Project p : board.projects()) {
      if (p.stages().stream().noneMatch(s -> first(s, commit).isPresent())) {
        continue;
      }
      for (Stage s : p.stages()) {
        answers.add(answer(p, s, commit));
      }
    }
    return new Answer(prefix, List.of(commit), subject, answers);
  }

  private static Optional<Build> first(Stage stage, String commit) {
    return stage.builds().stream()
        .filter(b -> commit.equals(b.commit()))
        .min(Comparator.comparing(Build::at));
  }

  private static Optional<Build> last(Stage stage, String commit) {
    return stage.builds().stream()
        .filter(b -> commit.equals(b.commit()))
        .max(Comparator.comparing(Build::at));
  }

  private static StageAnswer answer(Project project, Stage stage, String commit) {
    Optional<Build> here = first(stage, commit);
    if (here.isPresent()) {
      Build b = here.get();
      return new StageAnswer(
          project.name(),
          stage.name(),
          stage.shortName(),
          stage.light(),
          true,
          b,
          null,
          null,
          "deployed "
              + Texts.time(b.at())
              + " by "
              + Texts.build(b)
              + " (issue #"
              + b.issue()
              + ")");
    }
    Optional<Stage> before = project.before(stage);
    if (before.isEmpty()) {
      return notYet(project, stage, null, null, "not deployed");
    }
    Stage prev = before.get();
    Optional<Build> there = last(prev, commit);
    if (there.isEmpty()) {
      return notYet(
          project, stage, null, null, "not yet: it must reach " + prev.shortName() + " first");
    }
    long number = there.get().issue();
    GateIssue holder =
        prev.issues().stream().filter(i -> i.number() == number).findFirst().orElse(null);
    if (holder == null) {
      return notYet(project, stage, null, null, "not yet");
    }
    if (holder.isOpen()) {
      return notYet(
          project,
          stage,
          holder.number(),
          holder.htmlUrl(),
          "not yet: close #"
              + holder.number()
              + " to promote it from "
              + prev.shortName()
              + " (waiting since "
              + Texts.time(holder.createdAt())
              + ")");
    }
    if ("not_planned".equals(holder.stateReason())) {
      return notYet(
          project,
          stage,
          null,
          null,
          "not yet: #"
              + holder.number()
              + " in "
              + prev.shortName()
              + " was closed as not planned"
              + Texts.by(holder)
              + "; the next deploy of "
              + prev.shortName()
              + " opens a new issue to promote");
    }
    return notYet(
        project,
        stage,
        null,
        null,
        "not yet: #"
            + holder.number()
            + " was promoted"
            + Texts.by(holder)
            + ", but no build of "
            + stage.shortName()
            + " records this commit (still deploying, failed, or a later build was deployed)");
  }

  private static StageAnswer notYet(
      Project project, Stage stage, Long close, String closeUrl, String text) {
    return new StageAnswer(
        project.name(),
        stage.name(),
        stage.shortName(),
        stage.light(),
        false,
        null,
        close,
        closeUrl,
        text);
  }
}
