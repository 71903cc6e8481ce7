package trafficlight.board.flow;

import java.time.Instant;

/**
 * Where changes waited at one stage over a window.
 *
 * @param stage the stage as the chain spells it ({@code QA})
 * @param titleStage the stage as the gate titles spell it ({@code applications.myapp.QA})
 * @param finalStage whether it is the chain's last stage (no gate: nothing waits there)
 * @param deploys deploys recorded in the window
 * @param deploysPerWeek {@code deploys} over the window's length in weeks
 * @param gateWait from a gate issue's opening to its close as a go-ahead, for closes in the window
 * @param refused closes in the window that the approvers rule refused (not in {@code gateWait})
 * @param abandoned closes in the window as not planned (not in {@code gateWait})
 * @param promotionDelay from a go-ahead close in the window to the next stage's deploy it led to
 * @param leadTime from a commit's author time to its first deploy at this stage, in the window
 * @param leftOut deploys and commits the lead time could not count, and why
 * @param waiting the gate open now, or null
 */
public record StageFlow(
    String stage,
    String titleStage,
    boolean finalStage,
    int deploys,
    double deploysPerWeek,
    Distribution gateWait,
    int refused,
    int abandoned,
    Distribution promotionDelay,
    Distribution leadTime,
    LeftOut leftOut,
    OpenGate waiting) {

  /**
   * What lead time leaves out.
   *
   * @param withoutCommit deploys whose issue records no commit (mitodl's older issues): they count
   *     for deploys and waits only
   * @param commitUnknown commits the code repository did not answer for (deleted, private, no code
   *     repository recorded)
   * @param clockSkew commits authored after their deploy by the clocks' account
   */
  public record LeftOut(int withoutCommit, int commitUnknown, int clockSkew) {
    public static final LeftOut NONE = new LeftOut(0, 0, 0);

    public int total() {
      return withoutCommit + commitUnknown + clockSkew;
    }
  }

  /**
   * A gate open now.
   *
   * @param seconds how long it has waited (0 when its creation is ahead of this clock)
   * @param deploys deploys it holds
   */
  public record OpenGate(long issue, String url, Instant since, long seconds, int deploys) {}
}
