package trafficlight.board;

import java.util.Locale;

/** The light of one stage of a project. */
public enum Light {
  /** Deployed and promoted (latest issue closed as completed or consumed) or final. */
  GREEN,
  /** Deployed and waiting for a person to promote it: the latest issue is open. */
  AMBER,
  /** Deployed, but its promotion was refused: the latest issue was closed as not planned. */
  RED,
  /** Never deployed: known only from another stage's {@code promotion-to-} label. */
  GREY,
  /**
   * Closed, but by someone the stage's approvers rule does not let promote: not a go-ahead, and the
   * relay (with a token) reopens it.
   */
  REFUSED;

  public String lower() {
    return name().toLowerCase(Locale.ROOT);
  }
}
