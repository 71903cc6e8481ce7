package trafficlight.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import trafficlight.gate.CloseReason;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.DeployingNotice;
import trafficlight.gate.GateLabels;
import trafficlight.gate.GateState;
import trafficlight.gate.IssueRecords;
import trafficlight.gate.IssueText;
import trafficlight.gate.RepositoryAccess;
import trafficlight.gate.TitleFormat;
import trafficlight.gate.github.IssueTexts;
import trafficlight.github.Comment;
import trafficlight.github.Issue;

/**
 * Builds the {@link Board} from gate issues. The rules:
 *
 * <ul>
 *   <li>an issue counts when it carries {@code pipeline-workflow}, is not a pull request and its
 *       title follows the {@link TitleFormat}; issues closed as {@code duplicate} are left out (the
 *       resource merged their builds into the surviving issue);
 *   <li>a stage's light comes from its latest issue (by creation): open = amber (waiting since its
 *       creation, holding 1 + one deploy per comment carrying a build); closed as {@code
 *       not_planned} = red (promotion refused, never a go-ahead); closed by someone the approvers
 *       rule its deploy records name does not let promote = refused; closed otherwise or renamed
 *       {@code [CONSUMED #n]} = green (what the close approved as the consuming get's comment says,
 *       {@link GateIssue#deploying()}); labelled {@code finalized-deployment} = green whatever its
 *       state; a stage named only by another's {@code promotion-to-<stage>} label = grey, spelled
 *       as that stage's deploy records spell their {@code next_stage} (else as the label does);
 *   <li>stage order: a stage whose issues carry {@code promotion-to-X} comes before X; stages
 *       labelled {@code finalized-deployment} last; otherwise by first deploy.
 * </ul>
 */
public final class BoardModel {

  private BoardModel() {}

  /**
   * A gate issue with what else the board read about it.
   *
   * @param comments its comments (empty when it has none or they were not read)
   * @param closedBy who closed it (GitHub's {@code closed_by}, only on the single-issue GET), or
   *     null
   * @param refusal why its close is not a go-ahead (see {@link CloseReview}), or null
   * @param records its deploy records that count ({@link DeployRecord#readIssue}): only those the
   *     pipeline wrote become builds
   * @param access who may write on the repository, for the consuming get's notices
   */
  public record Input(
      Issue issue,
      List<Comment> comments,
      String closedBy,
      String refusal,
      IssueRecords records,
      RepositoryAccess access) {}

  public static Board build(
      String repository, TitleFormat format, Collection<Input> inputs, Instant now) {
    // project -> stage -> issues
    Map<String, Map<String, List<GateIssue>>> projects = new TreeMap<>();
    for (Input input : inputs) {
      Issue issue = input.issue();
      if (issue.pullRequest()
          || !GateLabels.has(issue.labels(), GateLabels.WORKFLOW)
          || CloseReason.of(issue.stateReason()) == CloseReason.DUPLICATE) {
        continue;
      }
      var title = format.match(issue.title());
      if (title.isEmpty()) {
        continue;
      }
      GateIssue gate = gateIssue(input, title.get().consumedBy());
      projects
          .computeIfAbsent(title.get().project(), p -> new LinkedHashMap<>())
          .computeIfAbsent(title.get().stage(), s -> new ArrayList<>())
          .add(gate);
    }
    List<Project> result = new ArrayList<>();
    for (var project : projects.entrySet()) {
      result.add(project(project.getKey(), project.getValue(), now));
    }
    return new Board(repository, now, List.copyOf(result), columns(result));
  }

  private static GateIssue gateIssue(Input input, String consumedBy) {
    Issue issue = input.issue();
    List<Build> builds = new ArrayList<>();
    Set<IssueText> recording = new LinkedHashSet<>();
    for (IssueRecords.Recorded recorded : input.records().counted()) {
      Instant at =
          recorded.from().createdAt() != null ? recorded.from().createdAt() : issue.createdAt();
      builds.add(new Build(issue.number(), at, recorded.record()));
      recording.add(recorded.from());
    }
    builds.sort(Comparator.comparing(Build::at, Comparator.nullsFirst(Comparator.naturalOrder())));
    IssueText body = IssueTexts.body(issue);
    recording.remove(body);
    int deploys = 1 + recording.size(); // the issue's own, and one per comment recording a build
    DeployingNotice deploying = null;
    List<Comment> comments = new ArrayList<>(input.comments());
    comments.sort(Comparator.comparing(Comment::createdAt));
    for (Comment comment : comments) {
      Optional<DeployingNotice> notice = DeployingNotice.read(comment.body());
      if (notice.isPresent()
          && DeployRecord.writtenByThePipeline(
              IssueTexts.comment(comment), body.author(), input.access())) {
        deploying = notice.get();
      }
    }
    String closedBy = input.closedBy() != null ? input.closedBy() : issue.closedBy();
    GateIssue.Close close =
        issue.isClosed()
            ? new GateIssue.Close(closedBy, input.refusal(), deploying)
            : GateIssue.Close.OPEN;
    return new GateIssue(issue, consumedBy, deploys, builds, close);
  }

  private static Project project(String name, Map<String, List<GateIssue>> byStage, Instant now) {
    Map<String, Stage> stages = new LinkedHashMap<>();
    Map<String, String> nextStage = new HashMap<>();
    for (var entry : byStage.entrySet()) {
      List<GateIssue> issues = new ArrayList<>(entry.getValue());
      issues.sort(
          Comparator.comparing(GateIssue::createdAt)
              .thenComparingLong(GateIssue::number)
              .reversed());
      GateIssue latest = issues.get(0);
      nextStageOf(issues).ifPresent(next -> nextStage.put(entry.getKey(), next));
      stages.put(entry.getKey(), stage(name, entry.getKey(), issues, latest, now));
    }
    // resolve the next stages to stage names; those never deployed become grey stages
    Map<String, String> edges = new LinkedHashMap<>();
    for (var e : nextStage.entrySet()) {
      String target =
          stages.values().stream()
              .filter(s -> s.named(e.getValue()))
              .map(Stage::name)
              .findFirst()
              .orElse(null);
      if (target == null) {
        target = e.getValue();
        stages.putIfAbsent(
            target,
            new Stage(
                name,
                target,
                TitleFormat.shortStage(target),
                Light.GREY,
                "never deployed",
                null,
                false,
                null,
                null,
                null,
                0,
                List.of()));
      }
      edges.put(e.getKey(), target);
    }
    Map<String, Stage> withNext = new LinkedHashMap<>();
    for (Stage s : stages.values()) {
      withNext.put(
          s.name(),
          new Stage(
              s.project(),
              s.name(),
              s.shortName(),
              s.light(),
              s.status(),
              edges.get(s.name()),
              s.finalStage(),
              s.latest(),
              s.lastDeployAt(),
              s.waiting(),
              s.buildsWaiting(),
              s.issues()));
    }
    return new Project(name, order(withNext, edges));
  }

  /**
   * The stage the newest issue with a promotion label leads to: spelled as its newest deploy record
   * that names the same stage spells it, else as the label does.
   */
  private static Optional<String> nextStageOf(List<GateIssue> newestFirst) {
    for (GateIssue issue : newestFirst) {
      Optional<String> label = GateLabels.promotionTarget(issue.labels());
      if (label.isEmpty()) {
        continue;
      }
      String slug = GateLabels.slug(label.get());
      for (int i = issue.builds().size() - 1; i >= 0; i--) {
        String spelled = issue.builds().get(i).record().nextStage();
        if (spelled != null && GateLabels.slug(spelled).equals(slug)) {
          return Optional.of(spelled);
        }
      }
      return label;
    }
    return Optional.empty();
  }

  private static Stage stage(
      String project, String name, List<GateIssue> issues, GateIssue latest, Instant now) {
    boolean finalStage = GateLabels.has(latest.labels(), GateLabels.FINAL);
    Light light;
    String status;
    Duration waiting = null;
    int held = 0;
    if (finalStage) {
      light = Light.GREEN;
      status = "final";
    } else if (latest.gateState() == GateState.WAITING) {
      light = Light.AMBER;
      status = "waiting";
      waiting = Duration.between(latest.createdAt(), now);
      if (waiting.isNegative()) {
        waiting = Duration.ZERO;
      }
      held = latest.deploys();
    } else {
      GateState state = latest.gateState();
      light =
          switch (state) {
            case ABANDONED -> Light.RED;
            case REFUSED -> Light.REFUSED;
            default -> Light.GREEN;
          };
      status =
          switch (state) {
            case ABANDONED -> "not planned";
            case CONSUMED -> "consumed";
            case REFUSED -> "refused";
            default -> "promoted";
          };
    }
    Instant lastDeploy = latest.createdAt();
    for (GateIssue issue : issues) {
      for (Build b : issue.builds()) {
        if (b.at() != null && b.at().isAfter(lastDeploy)) {
          lastDeploy = b.at();
        }
      }
    }
    return new Stage(
        project,
        name,
        TitleFormat.shortStage(name),
        light,
        status,
        null,
        finalStage,
        latest,
        lastDeploy,
        waiting,
        held,
        List.copyOf(issues));
  }

  /** Topological order of the promotion edges; final stages last; ties by first deploy. */
  private static List<Stage> order(Map<String, Stage> stages, Map<String, String> edges) {
    Map<String, Integer> indegree = new LinkedHashMap<>();
    stages.keySet().forEach(k -> indegree.put(k, 0));
    edges.values().forEach(t -> indegree.merge(t, 1, Integer::sum));
    Comparator<Stage> tie =
        Comparator.comparing(Stage::finalStage)
            .thenComparing(BoardModel::firstDeploy)
            .thenComparing(Stage::name);
    List<Stage> ordered = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    while (done.size() < stages.size()) {
      Stage pick =
          stages.values().stream()
              .filter(s -> !done.contains(s.name()) && indegree.get(s.name()) == 0)
              .min(tie)
              .orElseGet( // a cycle: take the earliest remaining
                  () ->
                      stages.values().stream()
                          .filter(s -> !done.contains(s.name()))
                          .min(tie)
                          .orElseThrow());
      done.add(pick.name());
      ordered.add(pick);
      String target = edges.get(pick.name());
      if (target != null && !done.contains(target)) {
        indegree.merge(target, -1, Integer::sum);
      }
    }
    return List.copyOf(ordered);
  }

  private static Instant firstDeploy(Stage s) {
    if (s.issues().isEmpty()) {
      return Instant.MAX;
    }
    return s.issues().get(s.issues().size() - 1).createdAt();
  }

  /** The short stage names across projects, merged in promotion order. */
  private static List<String> columns(List<Project> projects) {
    Map<String, String> display = new LinkedHashMap<>();
    Map<String, Set<String>> after = new LinkedHashMap<>();
    Map<String, Integer> rank = new HashMap<>();
    Set<String> finals = new LinkedHashSet<>();
    for (Project p : projects) {
      String previous = null;
      int i = 0;
      for (Stage s : p.stages()) {
        String key = Stage.normalize(s.shortName());
        if (s.light() != Light.GREY || !display.containsKey(key)) {
          display.put(key, s.shortName()); // a deployed stage's spelling beats a label's
        }
        after.computeIfAbsent(key, k -> new LinkedHashSet<>());
        rank.merge(key, i++, Math::min);
        if (s.finalStage()) {
          finals.add(key);
        }
        if (previous != null && !previous.equals(key)) {
          after.get(key).add(previous);
        }
        previous = key;
      }
    }
    List<String> ordered = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    while (done.size() < display.size()) {
      String pick =
          display.keySet().stream()
              .filter(k -> !done.contains(k) && done.containsAll(after.get(k)))
              .min(
                  Comparator.comparing((String k) -> finals.contains(k))
                      .thenComparing(rank::get)
                      .thenComparing(k -> k))
              .orElseGet(
                  () ->
                      display.keySet().stream()
                          .filter(k -> !done.contains(k))
                          .min(Comparator.comparing(rank::get))
                          .orElseThrow());
      done.add(pick);
      ordered.add(display.get(pick));
    }
    return List.copyOf(ordered);
  }
}
