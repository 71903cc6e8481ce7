package trafficlight.gate;

/**
 * Where a gate issue stands: the one reading of state, close reason, consumed prefix and approval
 * refusal that the board, {@code status} and {@code where} share.
 */
public enum GateState {
  /** Open: the builds it lists wait for a person to close it. */
  WAITING,
  /** Closed as a go-ahead that the next stage has not consumed yet. */
  PROMOTED,
  /** Closed by someone the approval rule does not let promote: no go-ahead. */
  REFUSED,
  /** Closed as not planned or as a duplicate: no go-ahead. */
  ABANDONED,
  /** Closed, and the next stage's get took it ({@code [CONSUMED #n]}). */
  CONSUMED;

  /**
   * @param closed whether the issue is closed
   * @param stateReason GitHub's {@code state_reason}, or null
   * @param consumed whether its title carries the {@link ConsumedPrefix}
   * @param refused whether the approval rule refuses the close (a get consumes only what it
   *     accepted, so a consumed issue is consumed whatever the rule says now)
   */
  public static GateState of(
      boolean closed, String stateReason, boolean consumed, boolean refused) {
    if (!closed) {
      return WAITING;
    }
    if (CloseReason.of(stateReason).abandons()) {
      return ABANDONED;
    }
    if (consumed) {
      return CONSUMED;
    }
    return refused ? REFUSED : PROMOTED;
  }

  /** Whether the next stage may deploy on it. */
  public boolean isGoAhead() {
    return this == PROMOTED || this == CONSUMED;
  }
}
