package trafficlight.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import trafficlight.gate.CarriedCommits;
import trafficlight.gate.DeployRecord;

/**
 * What promoting a waiting stage would carry to the next one: the commits its builds recorded since
 * the commit the next stage runs, read from the deploy records alone (no request). Each build's
 * record lists what it carried since the stage's build before it; a build without that list counts
 * as its own commit only.
 */
public final class PromotionCarries {

  private PromotionCarries() {}

  /**
   * The commits, oldest first; empty when the stage is not waiting, the next stage has no deployed
   * commit, or the records do not reach back to it.
   */
  public static Optional<List<DeployRecord.Commit>> of(Project project, Stage stage) {
    if (stage.light() != Light.AMBER || stage.next() == null) {
      return Optional.empty();
    }
    Optional<Stage> next = project.stages().stream().filter(s -> s.named(stage.next())).findFirst();
    Build there = next.map(Stage::latestBuild).orElse(null);
    if (there == null || there.commit() == null) {
      return Optional.empty();
    }
    String target = there.commit();
    List<List<DeployRecord.Commit>> newestFirst = new ArrayList<>();
    boolean reached = false;
    for (Build b : stage.builds()) {
      if (b.commit() == null) {
        continue;
      }
      if (b.commit().equals(target)) {
        reached = true;
        break;
      }
      List<DeployRecord.Commit> carried = b.record().commits();
      if (carried.isEmpty()) {
        carried = List.of(new DeployRecord.Commit(b.commit(), b.subject(), null, null));
      }
      int cut = indexOf(carried, target);
      if (cut >= 0) {
        newestFirst.add(carried.subList(cut + 1, carried.size()));
        reached = true;
        break;
      }
      newestFirst.add(carried);
    }
    if (!reached) {
      return Optional.empty();
    }
    Map<String, DeployRecord.Commit> oldestFirst = new LinkedHashMap<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      for (DeployRecord.Commit c : newestFirst.get(i)) {
        oldestFirst.putIfAbsent(c.sha(), c);
      }
    }
    return Optional.of(List.copyOf(oldestFirst.values()));
  }

  /** {@code 3 commits: Fix the cart total, …}, {@code no new commits}, or null when unknown. */
  public static String summary(Project project, Stage stage) {
    return of(project, stage).map(PromotionCarries::summary).orElse(null);
  }

  static String summary(List<DeployRecord.Commit> commits) {
    return commits.isEmpty() ? "no new commits" : CarriedCommits.summary(commits);
  }

  private static int indexOf(List<DeployRecord.Commit> commits, String sha) {
    for (int i = 0; i < commits.size(); i++) {
      if (sha.equals(commits.get(i).sha())) {
        return i;
      }
    }
    return -1;
  }
}
