package trafficlight.board;

import java.util.ArrayList;
import java.util.List;

/** {@code trafficlight status}: one line per stage, with a coloured light on a terminal. */
public final class StatusTable {

  private static final String RESET = "\u001b[0m";

  private StatusTable() {}

  public static String render(List<Project> projects, boolean color) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "PROJECT", "STAGE", "LIGHT", "STATUS", "ISSUE", "LAST DEPLOY", "BUILD", "COMMIT"
        });
    for (Project p : projects) {
      for (Stage s : p.stages()) {
        Build b = s.latestBuild();
        rows.add(
            new String[] {
              p.name(),
              s.shortName(),
              s.light().lower(),
              detail(p, s),
              s.latest() == null ? "-" : "#" + s.latest().number(),
              Texts.time(s.lastDeployAt()),
              b == null ? "-" : Texts.build(b),
              b == null || b.commit() == null
                  ? "-"
                  : b.shortCommit() + (b.subject() == null ? "" : " " + clip(b.subject(), 40))
            });
      }
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = row[i];
        String padded =
            i == row.length - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2);
        if (i == 2 && color && row != rows.get(0)) {
          padded = ansi(cell) + "\u25cf " + padded + RESET;
        } else if (i == 2 && color) {
          padded = "  " + padded;
        }
        line.append(padded);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /**
   * {@code waiting 2h 5m, 3 builds; promoting carries 2 commits: …}, {@code promoted by bob
   * 2026-11-26 09:00 UTC}, ...
   */
  public static String detail(Project p, Stage s) {
    GateIssue latest = s.latest();
    return switch (s.status()) {
      case "waiting" -> {
        String carries = PromotionCarries.summary(p, s);
        yield "waiting "
            + Texts.duration(s.waiting())
            + ", "
            + s.buildsWaiting()
            + (s.buildsWaiting() == 1 ? " build" : " builds")
            + (carries == null ? "" : "; promoting carries " + carries);
      }
      case "promoted", "consumed", "not planned" ->
          (s.status().equals("consumed") ? "promoted" : s.status())
              + (latest.closedBy() != null ? " by " + latest.closedBy() : "")
              + (latest.consumedBy() != null ? ", consumed by #" + latest.consumedBy() : "")
              + (latest.approvedCommit() != null
                  ? ", approved " + latest.deploying().approval().shortCommit()
                  : "");
      case "refused" -> "refused: " + latest.refusal();
      default -> s.status();
    };
  }

  private static String ansi(String light) {
    return switch (light) {
      case "green" -> "\u001b[32m";
      case "amber" -> "\u001b[33m";
      case "red" -> "\u001b[31m";
      case "refused" -> "\u001b[35m";
      default -> "\u001b[90m";
    };
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
