package trafficlight.board;

/** {@code trafficlight where}'s answer for a person: the commit, then one line per stage. */
public final class WhereText {

  private WhereText() {}

  public static String render(Where.Answer answer) {
    if (!answer.found()) {
      return answer.note() + "\n";
    }
    StringBuilder out = new StringBuilder();
    String sha = answer.commits().get(0);
    out.append("commit ")
        .append(sha, 0, Math.min(12, sha.length()))
        .append(
            answer.subject() == null || answer.subject().isEmpty() ? "" : " " + answer.subject())
        .append('\n');
    String project = null;
    int width = answer.stages().stream().mapToInt(s -> s.shortName().length()).max().orElse(0);
    for (Where.StageAnswer s : answer.stages()) {
      if (!s.project().equals(project)) {
        project = s.project();
        out.append(project).append('\n');
      }
      out.append("  ")
          .append(s.shortName())
          .append(" ".repeat(width - s.shortName().length() + 2))
          .append(s.answer())
          .append('\n');
    }
    if (answer.stages().isEmpty()) {
      out.append("  no stage has deployed it or a commit containing it\n");
    }
    return out.toString();
  }
}
