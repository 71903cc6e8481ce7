package trafficlight.resource.pulls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateEvent;
import trafficlight.gate.GateEvents;
import trafficlight.gate.GateLabels;
import trafficlight.gate.PullRequestNote;
import trafficlight.gate.TitleFormat;
import trafficlight.github.Comment;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.PullRequest;
import trafficlight.github.PullRequests;
import trafficlight.github.RateLimitException;
import trafficlight.github.RepositoryName;

/**
 * The put's param {@code pr_comments}: when a deploy reaches a stage ({@link GateEvent.Deployed}),
 * each pull request it carried gets one comment that says where its change is ({@link
 * PullRequestNote}), created once and then edited by later deploys; reaching the last stage adds a
 * short new comment, so that the pull request's participants are notified.
 *
 * <p>The pull requests are those of the commits the deploy carried since the stage's previous
 * deploy (the deployed commit alone for a stage's first deploy): one lookup per commit. Writes are
 * one per pull request (two at the last stage), a second apart ({@link WritePacing}), for at most
 * {@value #MAX_PULL_REQUESTS} pull requests, the newest, which the log says. Whatever GitHub
 * refuses (no write access to the code repository, rate limits, a locked conversation) is one
 * warning line: the deploy happened, and its put succeeds.
 */
public final class PullRequestComments implements GateEvents {

  /** The pull requests a put tells at most: 2 writes each keeps a put within 50 writes. */
  public static final int MAX_PULL_REQUESTS = 25;

  private final GitHubClient github;
  private final PullRequests pulls;
  private final Consumer<String> log;
  private final boolean lastStage;
  private final WritePacing pacing;

  /**
   * @param lastStage whether this put's stage is the chain's last: its deploy is the arrival the
   *     pull request's author is notified of
   */
  public PullRequestComments(GitHubClient github, Consumer<String> log, boolean lastStage) {
    this(github, log, lastStage, WritePacing.DEFAULT);
  }

  PullRequestComments(
      GitHubClient github, Consumer<String> log, boolean lastStage, Duration writeInterval) {
    this.github = github;
    this.pulls = new PullRequests(github);
    this.log = log;
    this.lastStage = lastStage;
    this.pacing = new WritePacing(writeInterval);
  }

  /**
   * Whether a put with these labels and next stage deploys the chain's last stage: it carries the
   * {@code finalized-deployment} label, or it names no next stage and no promotion label.
   */
  public static boolean isLastStage(List<String> labels, String nextStage) {
    return GateLabels.has(labels, GateLabels.FINAL)
        || (nextStage == null && GateLabels.promotionTarget(labels).isEmpty());
  }

  @Override
  public void send(GateEvent event) {
    if (!(event instanceof GateEvent.Deployed deployed)) {
      return;
    }
    try {
      react(deployed);
    } catch (RuntimeException e) {
      log.accept(
          "warning: pull-request comments: " + e.getMessage() + "; the deploy is not affected");
    }
  }

  private void react(GateEvent.Deployed event) {
    DeployRecord deploy = event.deploy();
    if (deploy.commit() == null || deploy.codeRepository() == null) {
      log.accept(
          "warning: pr_comments: this put records no code repository (set code_repository, or"
              + " give commit_from's checkout an origin on GitHub), so it cannot find the pull"
              + " requests it carried; the deploy is not affected");
      return;
    }
    RepositoryName code = RepositoryName.parse(deploy.codeRepository());
    Tally tally = new Tally(code);
    List<PullRequest> carried = carriedPullRequests(code, deploy, tally);
    if (carried.size() > MAX_PULL_REQUESTS) {
      tally.skipped = carried.size() - MAX_PULL_REQUESTS;
      carried = carried.subList(carried.size() - MAX_PULL_REQUESTS, carried.size());
    }
    PullRequestNote.Deploy here = noteDeploy(event);
    for (PullRequest pull : carried) {
      if (tally.stopped) {
        tally.untold++;
        continue;
      }
      try {
        tell(code, pull, here, tally);
      } catch (GitHubException e) {
        tally.refused(pull, e);
      }
    }
    tally.report();
  }

  /** The pull requests of the carried commits, oldest first, each once; none closed unmerged. */
  private List<PullRequest> carriedPullRequests(
      RepositoryName code, DeployRecord deploy, Tally tally) {
    LinkedHashSet<String> shas = new LinkedHashSet<>();
    deploy.commits().forEach(c -> shas.add(c.sha()));
    shas.add(deploy.commit());
    Map<Long, PullRequest> found = new LinkedHashMap<>();
    for (String sha : shas) {
      try {
        tally.lookups++;
        for (PullRequest pull : pulls.ofCommit(code, sha)) {
          if (!pull.abandoned()) {
            found.remove(pull.number()); // the newest commit's place
            found.put(pull.number(), pull);
          }
        }
      } catch (GitHubException e) {
        tally.refused(null, e);
        if (tally.stopped) {
          break;
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  private void tell(
      RepositoryName code, PullRequest pull, PullRequestNote.Deploy here, Tally tally) {
    Optional<Comment> existing =
        github.listComments(code, pull.number(), null).stream()
            .filter(c -> PullRequestNote.read(c.body()).isPresent())
            .findFirst();
    PullRequestNote before =
        existing.flatMap(c -> PullRequestNote.read(c.body())).orElse(PullRequestNote.empty());
    String text = before.with(here).render();
    if (existing.isEmpty()) {
      pacing.beforeWrite();
      tally.writes++;
      github.commentOnce(code, pull.number(), text, pull.updatedAt());
      tally.told.add("#" + pull.number() + " commented");
    } else if (!text.strip().equals(existing.get().body().strip())) {
      pacing.beforeWrite();
      tally.writes++;
      pulls.editComment(code, existing.get().id(), text);
      tally.told.add("#" + pull.number() + " updated");
    } else {
      tally.told.add("#" + pull.number() + " already current");
    }
    if (lastStage && !before.reached(here.stage())) {
      pacing.beforeWrite();
      tally.writes++;
      github.commentOnce(
          code,
          pull.number(),
          PullRequestNote.arrival(here.stage(), here.at(), here.build(), here.buildUrl()),
          pull.updatedAt());
    }
  }

  private static PullRequestNote.Deploy noteDeploy(GateEvent.Deployed event) {
    DeployRecord deploy = event.deploy();
    GateEvent.Gate gate = event.gate();
    String build =
        deploy.job() == null
            ? (deploy.buildName() == null ? null : "build " + deploy.buildName())
            : deploy.job() + (deploy.buildName() == null ? "" : " #" + deploy.buildName());
    return new PullRequestNote.Deploy(
        stage(gate.title(), deploy.job()),
        event.at(),
        build,
        deploy.buildUrl(),
        deploy.commit(),
        deploy.nextStage(),
        new PullRequestNote.Gate(gate.repository(), gate.number(), gate.url()),
        deploy.approvers() == null ? List.of() : deploy.approvers());
  }

  /**
   * The stage as the default title names it, by its last dot-separated part ({@code
   * applications.myapp.QA} is {@code QA}), as the put names the GitHub environment; else the job.
   */
  private static String stage(String title, String job) {
    return TitleFormat.shortStageOfDefaultTitle(title).orElse(job == null ? "this stage" : job);
  }

  /** What a put did and what GitHub refused, said in one line each. */
  private final class Tally {
    final RepositoryName code;
    final List<String> told = new ArrayList<>();
    int lookups;
    int writes;
    int skipped;
    int untold;
    boolean stopped;
    String refusal;

    Tally(RepositoryName code) {
      this.code = code;
    }

    /**
     * Notes a refusal; one that will refuse the next request alike (no access, a rate limit) stops
     * the put's comments. A locked conversation refuses only its own pull request.
     */
    void refused(PullRequest pull, GitHubException e) {
      boolean locked = pull != null && pull.locked() && e.status() == 403;
      if (refusal == null) {
        refusal =
            (pull == null ? "" : "#" + pull.number() + (locked ? " is locked: " : ": "))
                + e.getMessage();
      }
      if (pull != null) {
        untold++;
      }
      boolean alike =
          e instanceof RateLimitException
              || e.status() == 401
              || (e.status() == 403 && !locked)
              || e.status() == 404;
      stopped |= alike;
    }

    void report() {
      String counts = " (" + lookups + " lookups, " + writes + " writes)";
      if (!told.isEmpty()) {
        log.accept(
            "pull requests on "
                + code
                + ": "
                + String.join(", ", told)
                + counts
                + (skipped == 0
                    ? ""
                    : "; "
                        + skipped
                        + " older ones not told: a put tells at most "
                        + MAX_PULL_REQUESTS
                        + " (GitHub allows 80 content-creating requests a minute, 500 an hour)"));
      } else if (refusal == null) {
        log.accept("pull requests on " + code + ": the deploy carried none" + counts);
      }
      if (refusal != null) {
        log.accept(
            "warning: pull-request comments on "
                + code
                + ": "
                + refusal
                + (untold == 0 ? "" : " (" + untold + " pull request(s) not told)")
                + "; the deploy is not affected");
      }
    }
  }
}
