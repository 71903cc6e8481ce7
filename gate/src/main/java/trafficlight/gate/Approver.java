package trafficlight.gate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of a resource's {@code approvers}: a GitHub login ({@code alice}) or a team ({@code
 * my-org/release}, an {@code @} in front allowed).
 */
public sealed interface Approver {

  /** Logins: letters, digits and single hyphens, as GitHub allows. */
  Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");

  Pattern TEAM_SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** A listed login. */
  record Login(String login) implements Approver {
    public boolean is(String other) {
      return other != null && login.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return login;
    }
  }

  /** A listed team: its organization's login and its slug. */
  record Team(String org, String slug) implements Approver {
    @Override
    public String toString() {
      return "@" + org + "/" + slug;
    }
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with the entry and what is expected
   */
  static Approver parse(String entry) {
    String text = entry == null ? "" : entry.strip();
    String bare = text.startsWith("@") ? text.substring(1) : text;
    int slash = bare.indexOf('/');
    if (slash < 0 && LOGIN.matcher(bare).matches()) {
      return new Login(bare);
    }
    if (slash > 0
        && LOGIN.matcher(bare.substring(0, slash)).matches()
        && TEAM_SLUG.matcher(bare.substring(slash + 1)).matches()) {
      return new Team(bare.substring(0, slash), bare.substring(slash + 1));
    }
    throw new IllegalArgumentException(
        "\""
            + text
            + "\" is neither a GitHub login (alice) nor a team (my-org/release, the team's slug)");
  }
}
