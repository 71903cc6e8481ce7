package trafficlight.gate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The labels of gate issues: every one carries {@link #WORKFLOW}; a stage's issues carry {@code
 * promotion-to-<next stage>} or, at the last stage, {@link #FINAL}.
 */
public final class GateLabels {

  public static final String WORKFLOW = "pipeline-workflow";
  public static final String FINAL = "finalized-deployment";
  public static final String PROMOTION_PREFIX = "promotion-to-";

  private GateLabels() {}

  /** The label of issues whose close promotes to {@code stage}. */
  public static String promotionTo(String stage) {
    return PROMOTION_PREFIX + slug(stage);
  }

  /** The stage a promotion label leads to, as the label spells it (a slug), if any label does. */
  public static Optional<String> promotionTarget(List<String> labels) {
    for (String label : labels) {
      if (label.toLowerCase(Locale.ROOT).startsWith(PROMOTION_PREFIX)
          && label.length() > PROMOTION_PREFIX.length()) {
        return Optional.of(label.substring(PROMOTION_PREFIX.length()));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code labels} holds {@code label}, ignoring case as GitHub does. */
  public static boolean has(List<String> labels, String label) {
    return labels.stream().anyMatch(label::equalsIgnoreCase);
  }

  /**
   * A stage name as label, job and resource names spell it: lower case, runs of anything but {@code
   * [a-z0-9]} as one {@code -}.
   */
  public static String slug(String name) {
    String slug =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "stage" : slug;
  }
}
