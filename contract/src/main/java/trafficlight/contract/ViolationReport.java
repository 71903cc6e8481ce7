package trafficlight.contract;

import java.util.List;

/**
 * The violations found in what was checked, each listed under the exchange or delivery it is in.
 */
final class ViolationReport {
  private final StringBuilder list = new StringBuilder();
  private int count;

  /** Lists {@code violations}, if any, under {@code where} ("GET /repos/o/r -> 200"). */
  void add(String where, List<String> violations) {
    if (!violations.isEmpty()) {
      count += violations.size();
      list.append("\n  ").append(where);
      violations.forEach(m -> list.append("\n    - ").append(m));
    }
  }

  /**
   * Throws an AssertionError "3 violation(s) of {@code description} in {@code checked}:" with the
   * list, when there is any violation.
   */
  void throwIfAny(String description, String checked) {
    if (count > 0) {
      throw new AssertionError(
          count + " violation(s) of " + description + " in " + checked + ":" + list);
    }
  }
}
