package trafficlight.resource.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import trafficlight.gate.CarriedCommits;
import trafficlight.gate.DeployRecord;
import trafficlight.github.CommitComparison;
import trafficlight.github.CommitSummary;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.RepositoryName;

/**
 * The commits a deploy carried since the stage's previous deploy, from one compare request on the
 * code repository: the record keeps them and the comment lists them. Anything that goes wrong here
 * is a warning: the deploy happened, and its gate must still open.
 *
 * @param commits oldest first, the deployed commit last; empty when not known
 * @param markdown what the comment says about them, or empty
 */
record CarriedSincePrevious(List<DeployRecord.Commit> commits, String markdown) {

  static final CarriedSincePrevious NONE = new CarriedSincePrevious(List.of(), "");

  static CarriedSincePrevious find(
      GitHubClient github,
      RepositoryName code,
      String previous,
      String current,
      Consumer<String> log) {
    if (code == null || previous == null || previous.equals(current)) {
      return NONE;
    }
    CommitComparison compare;
    try {
      compare = github.compare(code, previous, current);
    } catch (GitHubException e) {
      log.accept(
          "warning: cannot list the commits since the previous deploy ("
              + shortSha(previous)
              + ") in "
              + code
              + ": "
              + e.getMessage());
      return NONE;
    }
    String since = shortSha(previous);
    return switch (compare.status()) {
      case "identical" -> NONE;
      case "behind" ->
          new CarriedSincePrevious(
              List.of(),
              "\n\nThis deploy goes back "
                  + compare.behindBy()
                  + (compare.behindBy() == 1 ? " commit" : " commits")
                  + " from the previous one (`"
                  + since
                  + "`): a rollback.\n");
      default -> {
        List<DeployRecord.Commit> commits = new ArrayList<>();
        for (CommitSummary c : compare.commits()) {
          commits.add(
              new DeployRecord.Commit(c.sha(), c.subject(), c.authorLogin(), c.committerLogin()));
        }
        String text =
            CarriedCommits.markdown(
                commits, compare.totalCommits(), code.toString(), since, compare.htmlUrl());
        if ("diverged".equals(compare.status())) {
          text =
              "\n\nThe previous deploy (`"
                  + since
                  + "`) is not in this commit's history (history rewritten, or another branch);"
                  + " listed are the commits since they parted (`"
                  + shortSha(compare.mergeBaseSha())
                  + "`)."
                  + text;
        }
        int keep = Math.min(commits.size(), CarriedCommits.MAX_RECORDED);
        yield new CarriedSincePrevious(
            List.copyOf(commits.subList(commits.size() - keep, commits.size())), text);
      }
    };
  }

  private static String shortSha(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(7, sha.length()));
  }
}
