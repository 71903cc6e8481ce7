package trafficlight.gate;

import java.util.Locale;

/**
 * Why GitHub says an issue was closed (its {@code state_reason}), and what that means for a gate: a
 * close as not planned or as a duplicate abandons the promotion and is never a go-ahead. The one
 * place that spells GitHub's reasons; everything else asks this.
 */
public enum CloseReason {
  COMPLETED,
  NOT_PLANNED,
  DUPLICATE,
  /** GitHub's reason on an issue that was reopened: open again, not a close. */
  REOPENED;

  /**
   * The reason GitHub gave. Null is {@link #COMPLETED} (the field is nullable, and older closes
   * have none); a reason this code does not know is {@link #COMPLETED} too, as GitHub treats it.
   */
  public static CloseReason of(String stateReason) {
    if (stateReason == null) {
      return COMPLETED;
    }
    return switch (stateReason.toLowerCase(Locale.ROOT)) {
      case "not_planned" -> NOT_PLANNED;
      case "duplicate" -> DUPLICATE;
      case "reopened" -> REOPENED;
      default -> COMPLETED;
    };
  }

  /** Whether this close abandons the promotion: never a go-ahead. */
  public boolean abandons() {
    return this == NOT_PLANNED || this == DUPLICATE;
  }

  /** GitHub's spelling, for {@code state_reason} in a request. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
