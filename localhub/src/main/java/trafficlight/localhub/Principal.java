package trafficlight.localhub;

/** Who a request acts as. */
sealed interface Principal {

  /** The key its rate limit is counted under. */
  String rateKey();

  boolean canRead(Repo repo);

  boolean canWrite(Repo repo);

  /** No credentials: public repositories, read only; 60 requests an hour per client. */
  record Anonymous(String clientAddress) implements Principal {
    public String rateKey() {
      return "ip:" + clientAddress;
    }

    public boolean canRead(Repo repo) {
      return !repo.isPrivate();
    }

    public boolean canWrite(Repo repo) {
      return false;
    }
  }

  /** A user's token: reads and writes every repository. */
  record UserToken(User user, String token) implements Principal {
    public String rateKey() {
      return "user:" + user.id();
    }

    public boolean canRead(Repo repo) {
      return true;
    }

    public boolean canWrite(Repo repo) {
      return true;
    }
  }

  /** An installation token: reads public repositories, reads and writes the installed ones. */
  record InstallationAccess(Installation installation, User bot, String token)
      implements Principal {
    public String rateKey() {
      return "installation:" + installation.id();
    }

    public boolean canRead(Repo repo) {
      return !repo.isPrivate() || installation.covers(repo.fullName());
    }

    public boolean canWrite(Repo repo) {
      return installation.covers(repo.fullName());
    }
  }

  /** The login that writes act as, or null for anonymous. */
  default String login() {
    if (this instanceof UserToken u) {
      return u.user().login();
    }
    if (this instanceof InstallationAccess i) {
      return i.bot().login();
    }
    return null;
  }
}
