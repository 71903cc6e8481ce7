package trafficlight.board;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import trafficlight.gate.Approval;
import trafficlight.gate.CloseReason;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.DeployingNotice;

/**
 * Answers "has my commit been deployed to X, and how do I get it there?" from the deploy records
 * and, through {@link Ancestry}, the code repository: a commit is deployed at a stage when the
 * stage's deployed commit is that commit or descends from it.
 */
public final class Where {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{4,64}");

  private Where() {}

  /**
   * The answer for one stage.
   *
   * @param build the build of this stage that deployed the commit, or null
   * @param in the deployed commit that contains it, when not the commit itself; else null
   * @param how how it is known: {@code recorded} (a record names the commit), {@code carried} (a
   *     record lists it among the commits a deploy carried), {@code git} (the local clone) or
   *     {@code github} (the compare API); null when not deployed
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
      String in,
      String how,
      Long closeToPromote,
      String closeUrl,
      String answer) {}

  /**
   * @param commits the full SHAs the prefix matched (one, or none when nothing knows it)
   * @param codeRepository the code repository the commit belongs to, when known
   * @param note why nothing was found, or null
   * @param stages the stages of every project that deployed it or shares its code repository
   */
  public record Answer(
      String query,
      List<String> commits,
      String subject,
      String codeRepository,
      String note,
      List<StageAnswer> stages) {
    public boolean found() {
      return !commits.isEmpty();
    }
  }

  /** A stage's build that holds the commit, or why that cannot be told. */
  private record Holding(Build build, String how, String unknown) {
    boolean held() {
      return build != null;
    }
  }

  /** From the deploy records alone (no clone, no requests). */
  public static Answer find(Board board, String query) {
    return find(board, query, Ancestry.recordsOnly());
  }

  /**
   * Where the commit (a SHA or a prefix of at least 4 hex digits) is.
   *
   * @throws IllegalArgumentException for a malformed query or an ambiguous prefix
   */
  public static Answer find(Board board, String query, Ancestry ancestry) {
    String prefix = query.strip().toLowerCase(Locale.ROOT);
    if (!HEX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "a commit is 4 to 64 hex digits (a SHA or a prefix of one), got \"" + query + "\"");
    }
    Map<String, String> subjects = new LinkedHashMap<>();
    Map<String, String> repositories = new LinkedHashMap<>();
    Set<String> codeRepositories = new LinkedHashSet<>();
    for (Project p : board.projects()) {
      for (Stage s : p.stages()) {
        for (Build b : s.builds()) {
          String repo = b.record().codeRepository();
          if (repo != null) {
            codeRepositories.add(repo);
          }
          if (b.deployed(prefix)) {
            note(subjects, repositories, b.commit(), b.subject(), repo);
          }
          for (DeployRecord.Commit c : b.record().commits()) {
            if (c.sha() != null && c.sha().startsWith(prefix)) {
              note(subjects, repositories, c.sha(), c.subject(), repo);
            }
          }
        }
      }
    }
    if (subjects.size() > 1) {
      throw new IllegalArgumentException(
          "commit prefix "
              + prefix
              + " is ambiguous: it matches "
              + String.join(", ", subjects.keySet())
              + "; give more digits");
    }
    String commit;
    String subject;
    String codeRepository;
    if (subjects.isEmpty()) {
      Optional<Ancestry.Resolved> resolved = ancestry.resolve(codeRepositories, prefix);
      if (resolved.isEmpty()) {
        return new Answer(
            prefix,
            List.of(),
            null,
            null,
            "no deploy in "
                + board.repository()
                + " records commit "
                + prefix
                + (codeRepositories.isEmpty()
                    ? " (commits are recorded by puts with commit_from)"
                    : ancestry.unreachable().isEmpty()
                        ? ", and "
                            + String.join(", ", codeRepositories)
                            + (codeRepositories.size() == 1 ? " knows" : " know")
                            + " no such commit"
                        : "; " + String.join("; ", ancestry.unreachable())),
            List.of());
      }
      commit = resolved.get().sha();
      subject = resolved.get().subject();
      codeRepository = resolved.get().codeRepository();
    } else {
      commit = subjects.keySet().iterator().next();
      subject = subjects.get(commit);
      codeRepository = repositories.get(commit);
    }

    List<StageAnswer> answers = new ArrayList<>();
    for (Project p : board.projects()) {
      String projectRepository = codeRepository(p);
      boolean named = p.stages().stream().anyMatch(s -> !named(s, commit).isEmpty());
      boolean sameRepository = codeRepository != null && codeRepository.equals(projectRepository);
      if (!named && !sameRepository) {
        continue;
      }
      Map<Stage, Holding> holdings = new LinkedHashMap<>();
      for (Stage s : p.stages()) {
        holdings.put(s, holding(s, commit, projectRepository, ancestry));
      }
      for (Stage s : p.stages()) {
        answers.add(answer(p, s, holdings, commit, projectRepository, ancestry));
      }
    }
    return new Answer(prefix, List.of(commit), subject, codeRepository, null, answers);
  }

  private static void note(
      Map<String, String> subjects,
      Map<String, String> repositories,
      String sha,
      String subject,
      String repo) {
    if (subject != null || !subjects.containsKey(sha)) {
      subjects.merge(sha, subject == null ? "" : subject, (a, b) -> a.isEmpty() ? b : a);
    }
    if (repo != null) {
      repositories.putIfAbsent(sha, repo);
    }
  }

  /** The code repository the project's latest records name, or null. */
  private static String codeRepository(Project p) {
    return p.stages().stream()
        .flatMap(s -> s.builds().stream())
        .sorted(Comparator.comparing(Build::at).reversed())
        .map(b -> b.record().codeRepository())
        .filter(r -> r != null)
        .findFirst()
        .orElse(null);
  }

  /** The stage's builds whose records name the commit, deployed or carried, oldest first. */
  private static List<Build> named(Stage stage, String commit) {
    List<Build> named =
        new ArrayList<>(
            stage.builds().stream()
                .filter(
                    b ->
                        commit.equals(b.commit())
                            || b.record().commits().stream().anyMatch(c -> commit.equals(c.sha())))
                .toList());
    Collections.reverse(named); // oldest first, builds recorded in the same second too
    return named;
  }

  /**
   * The build that brought the commit to this stage: the first whose record names it, else, when
   * the latest build's commit contains it, the first build of the run of builds up to the latest
   * that all contain it.
   */
  private static Holding holding(
      Stage stage, String commit, String projectRepository, Ancestry ancestry) {
    for (Build b : named(stage, commit)) {
      return new Holding(b, commit.equals(b.commit()) ? "recorded" : "carried", null);
    }
    List<Build> recorded =
        new ArrayList<>(stage.builds().stream().filter(b -> b.commit() != null).toList());
    Collections.reverse(recorded); // oldest first
    if (recorded.isEmpty()) {
      return new Holding(null, null, null);
    }
    Build latest = recorded.get(recorded.size() - 1);
    Ancestry.Verdict v =
        ancestry.contains(repository(latest, projectRepository), latest.commit(), commit);
    return switch (v.state()) {
      case CONTAINED -> firstContaining(recorded, commit, projectRepository, ancestry, v.how());
      case NOT_CONTAINED -> new Holding(null, null, null);
      case UNKNOWN -> new Holding(null, null, v.reason());
    };
  }

  /**
   * The earliest of the builds (oldest first; the last contains the commit) from which on every
   * build contains it, by bisection: deploys move forward in history, so once a build contains a
   * commit the later ones do too, and the search asks about log2(n) builds, not all. A build whose
   * answer is not known counts as not containing it, so the answer is never too early.
   */
  private static Holding firstContaining(
      List<Build> builds, String commit, String projectRepository, Ancestry ancestry, String how) {
    int low = 0;
    int high = builds.size() - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      Build b = builds.get(middle);
      Ancestry.Verdict v = ancestry.contains(repository(b, projectRepository), b.commit(), commit);
      if (v.state() == Ancestry.State.CONTAINED) {
        high = middle;
        how = v.how();
      } else {
        low = middle + 1;
      }
    }
    return new Holding(builds.get(high), how, null);
  }

  private static String repository(Build build, String projectRepository) {
    return build.record().codeRepository() != null
        ? build.record().codeRepository()
        : projectRepository;
  }

  private static StageAnswer answer(
      Project project,
      Stage stage,
      Map<Stage, Holding> holdings,
      String commit,
      String projectRepository,
      Ancestry ancestry) {
    Holding here = holdings.get(stage);
    if (here.held()) {
      Build b = here.build();
      boolean itself = "recorded".equals(here.how());
      return new StageAnswer(
          project.name(),
          stage.name(),
          stage.shortName(),
          stage.light(),
          true,
          b,
          itself ? null : b.commit(),
          here.how(),
          null,
          null,
          "deployed "
              + Texts.time(b.at())
              + " by "
              + Texts.build(b)
              + (itself
                  ? " (issue #" + b.issue() + ")"
                  : " in " + b.shortCommit() + " (contains " + Ancestry.shortSha(commit) + ")"));
    }
    if (here.unknown() != null) {
      return notYet(project, stage, null, null, "unknown: " + here.unknown());
    }
    Optional<Stage> before = project.before(stage);
    if (before.isEmpty()) {
      return notYet(project, stage, null, null, "not deployed");
    }
    Stage prev = before.get();
    Holding there = holdings.get(prev);
    if (there == null || !there.held()) {
      return notYet(
          project, stage, null, null, "not yet: it must reach " + prev.shortName() + " first");
    }
    long number = there.build().issue();
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
    String noGoAhead =
        holder.refusal() != null
            ? holder.refusal() + ", so it is no go-ahead"
            : CloseReason.of(holder.stateReason()) == CloseReason.NOT_PLANNED
                ? "closed as not planned"
                    + Texts.by(holder)
                    + "; the next deploy of "
                    + prev.shortName()
                    + " opens a new issue to promote"
                : null;
    if (noGoAhead != null) {
      return notYet(
          project,
          stage,
          null,
          null,
          "not yet: #" + holder.number() + " in " + prev.shortName() + " was " + noGoAhead);
    }
    if (holder.approvedCommit() != null) {
      return notYet(
          project,
          stage,
          null,
          null,
          approvedElsewhere(holder, prev, commit, projectRepository, ancestry));
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
            + " records this commit or one containing it (still deploying, failed, or a later"
            + " build was deployed)");
  }

  /**
   * The answer when the issue that held the commit was consumed and its consuming get said what the
   * close approved: that commit, not the newest build, is what the next stage deploys.
   */
  private static String approvedElsewhere(
      GateIssue holder, Stage prev, String commit, String projectRepository, Ancestry ancestry) {
    DeployingNotice notice = holder.deploying();
    Approval approved = notice.approval();
    String deploying =
        (notice.job() == null ? "a build" : notice.job())
            + (notice.build() == null ? "" : " #" + notice.build());
    String by = approved.closedBy() == null ? "" : " by " + approved.closedBy();
    String on = " (approved on #" + holder.number() + by + ")";
    if (commit.equals(approved.commit())) {
      return "not yet: " + deploying + " is deploying it" + on;
    }
    Ancestry.Verdict v = ancestry.contains(projectRepository, approved.commit(), commit);
    String what = "`" + approved.shortCommit() + "`";
    String promoted = "not yet: #" + holder.number() + " was promoted" + by + " approving " + what;
    return switch (v.state()) {
      case CONTAINED ->
          "not yet: " + deploying + " is deploying " + what + ", which contains it" + on;
      case NOT_CONTAINED ->
          promoted
              + (approved.subject() == null ? "" : " " + approved.subject())
              + ", which does not contain it; the next deploy of "
              + prev.shortName()
              + " opens a new issue to promote it";
      case UNKNOWN -> promoted + " (" + deploying + " is deploying it); " + v.reason();
    };
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
        null,
        null,
        close,
        closeUrl,
        text);
  }
}
