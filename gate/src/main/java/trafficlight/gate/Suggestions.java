package trafficlight.gate;

import java.util.Collection;
import java.util.Locale;

/**
 * Finds the valid name nearest to a mistyped one: the "did you mean" of the resource's source keys,
 * the chain file and the command line. Two swapped letters count as one slip ({@code stauts} is one
 * from {@code status}), as people type; between equally near names, the one as long as what was
 * typed wins ({@code status} over {@code stats}).
 */
public final class Suggestions {

  private Suggestions() {}

  /** The nearest candidate, or null when none is plausibly what was meant. */
  public static String nearest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int bestLengthGap = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      int lengthGap = Math.abs(candidate.length() - typed.length());
      if (distance < bestDistance || (distance == bestDistance && lengthGap < bestLengthGap)) {
        best = candidate;
        bestDistance = distance;
        bestLengthGap = lengthGap;
      }
    }
    return bestDistance <= Math.max(2, typed.length() / 3) ? best : null;
  }

  /** Edits from {@code a} to {@code b}: insertions, deletions, substitutions, adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
