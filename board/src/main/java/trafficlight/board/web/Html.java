package trafficlight.board.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import trafficlight.board.Build;
import trafficlight.board.Stage;
import trafficlight.board.Texts;
import trafficlight.gate.TitleFormat;
import trafficlight.gate.WebLink;

/** The server-rendered parts: the account line, the promotion confirmation and messages. */
final class Html {

  private Html() {}

  private static String page(String title, String body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + Texts.escapeHtml(title)
        + " - trafficlight</title><link rel=\"stylesheet\" href=\"/board.css\"></head><body>"
        + "<header><h1><a href=\"/\">trafficlight</a></h1></header><main class=\"narrow\">"
        + body
        + "</main></body></html>\n";
  }

  static String message(String title, String text) {
    return page(
        title,
        "<h2>"
            + Texts.escapeHtml(title)
            + "</h2><p id=\"message\">"
            + Texts.escapeHtml(text)
            + "</p><p><a href=\"/\">Back to the board</a></p>");
  }

  /**
   * The header's account line: a Sign in link, or who is signed in and a Sign out button (a POST
   * carrying the session's CSRF token).
   */
  static String account(Sessions.Session session) {
    if (session == null || !session.signedIn()) {
      return "<a id=\"signin\" class=\"button\" href=\"/signin\">Sign in with GitHub</a>";
    }
    return "<form id=\"account\" method=\"post\" action=\"/signout\">"
        + "<span id=\"signed-in-as\">Signed in as <b>"
        + Texts.escapeHtml(session.login())
        + "</b></span> <input type=\"hidden\" name=\"csrf\" value=\""
        + Texts.escapeHtml(session.csrf)
        + "\"><button id=\"signout\" type=\"submit\">Sign out</button></form>";
  }

  /**
   * The confirmation: which issue closes, as whom, and the issue's builds newest first as radio
   * choices, the newest preselected. Each choice sends its commit; older builds of a commit a newer
   * build also recorded are left out (a {@code /promote} of that commit chooses the newer one), and
   * a build that recorded no commit can be chosen only when it is the newest (a plain close).
   *
   * @param login who is signed in and promotes, or null when the board's token closes the issue
   */
  static String confirmation(Stage stage, String csrf, String login) {
    var issue = stage.latest();
    String next = stage.next() == null ? "the next stage" : TitleFormat.shortStage(stage.next());
    String body =
        "<h2>Promote "
            + Texts.escapeHtml(stage.project())
            + " "
            + Texts.escapeHtml(stage.shortName())
            + " to "
            + Texts.escapeHtml(next)
            + "?</h2>"
            + "<p id=\"confirm-text\">This closes "
            + (WebLink.isWeb(issue.htmlUrl())
                ? "<a href=\""
                    + Texts.escapeHtml(issue.htmlUrl())
                    + "\">#"
                    + issue.number()
                    + "</a>"
                : "#" + issue.number())
            + ", waiting since "
            + Texts.escapeHtml(Texts.time(issue.createdAt()))
            + " with "
            + stage.buildsWaiting()
            + (stage.buildsWaiting() == 1 ? " build" : " builds")
            + ". Closing it is the go-ahead: "
            + Texts.escapeHtml(next)
            + " deploys the build you pick.</p>"
            + "<form method=\"post\" action=\"/promote\">"
            + "<input type=\"hidden\" name=\"csrf\" value=\""
            + Texts.escapeHtml(csrf)
            + "\"><input type=\"hidden\" name=\"project\" value=\""
            + Texts.escapeHtml(stage.project())
            + "\"><input type=\"hidden\" name=\"stage\" value=\""
            + Texts.escapeHtml(stage.name())
            + "\"><input type=\"hidden\" name=\"issue\" value=\""
            + issue.number()
            + "\">"
            + builds(issue.builds(), next)
            + "<p id=\"as\">"
            + (login == null
                ? "The board's own token closes the issue."
                : "You close it as <b>"
                    + Texts.escapeHtml(login)
                    + "</b>, with your GitHub account.")
            + "</p><button id=\"confirm\" type=\"submit\" class=\"promote\">Promote</button> "
            + "<a href=\"/\" id=\"cancel\">Cancel</a></form>";
    return page("Promote " + stage.project() + " " + stage.shortName(), body);
  }

  /** The builds to pick from (oldest first in {@code builds}), newest first. */
  private static String builds(List<Build> builds, String next) {
    if (builds.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder("<fieldset id=\"builds\"><legend>Build to deploy to ")
            .append(Texts.escapeHtml(next))
            .append("</legend>");
    Set<String> listed = new HashSet<>();
    for (int i = builds.size() - 1; i >= 0; i--) {
      Build b = builds.get(i);
      boolean newest = i == builds.size() - 1;
      if (b.commit() == null && !newest) {
        continue;
      }
      if (b.commit() != null && !listed.add(b.commit())) {
        continue;
      }
      String id = "build-" + (builds.size() - 1 - i);
      out.append("<div class=\"pick\"><input type=\"radio\" name=\"commit\" id=\"")
          .append(id)
          .append("\" value=\"")
          .append(Texts.escapeHtml(b.commit() == null ? "" : b.commit()))
          .append('"')
          .append(newest ? " checked" : "")
          .append("> <label for=\"")
          .append(id)
          .append("\">")
          .append(Texts.escapeHtml(Texts.build(b)))
          .append(
              b.commit() == null ? "" : " <code>" + Texts.escapeHtml(b.shortCommit()) + "</code>")
          .append(b.subject() == null ? "" : " " + Texts.escapeHtml(b.subject()))
          .append(" <span class=\"when\">")
          .append(Texts.escapeHtml(Texts.time(b.at())))
          .append("</span>")
          .append(newest ? " <em>(newest)</em>" : "")
          .append("</label></div>");
    }
    return out.append("</fieldset>").toString();
  }
}
