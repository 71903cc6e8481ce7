package trafficlight.localhub;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The repositories whose code the hub serves, each backed by a git repository on disk, and how the
 * e-mail addresses of commit authors map to logins.
 *
 * <p>A commit's author (and committer) is the login linked to its e-mail with {@link #linkEmail};
 * otherwise the login derived from the e-mail: GitHub's no-reply form {@code
 * ID+LOGIN@users.noreply.github.com} gives LOGIN, any other address its local part with every run
 * of characters a login cannot hold turned into one hyphen ({@code ann.lee@example.com} gives
 * {@code ann-lee}). Such a user is created on the hub when first shown. An address that yields no
 * login (empty, or no {@code @}) has no user: GitHub's {@code author: null}.
 */
final class CodeRepositories implements AutoCloseable {
  private static final String NOREPLY_DOMAIN = "users.noreply.github.com";
  private static final int MAX_LOGIN = 39;

  private final Map<String, GitCodeRepository> repositories = new LinkedHashMap<>();
  private final Map<String, String> loginsByEmail = new LinkedHashMap<>();

  /** Backs {@code fullName} with the git repository at {@code path}, replacing any earlier one. */
  synchronized void add(String fullName, Path path) {
    GitCodeRepository opened = GitCodeRepository.open(path);
    GitCodeRepository old = repositories.put(key(fullName), opened);
    if (old != null) {
      old.close();
    }
  }

  synchronized Optional<GitCodeRepository> of(Repo repo) {
    return Optional.ofNullable(repositories.get(key(repo.fullName())));
  }

  synchronized void linkEmail(String email, String login) {
    loginsByEmail.put(email.toLowerCase(Locale.ROOT), login);
  }

  /** The login of a commit's author or committer, or null when there is none. */
  synchronized String login(PersonIdent person) {
    String email = person == null ? null : person.getEmailAddress();
    if (email == null) {
      return null;
    }
    String linked = loginsByEmail.get(email.toLowerCase(Locale.ROOT));
    return linked != null ? linked : derivedLogin(email);
  }

  static String derivedLogin(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return null;
    }
    String local = email.substring(0, at);
    if (email.substring(at + 1).equalsIgnoreCase(NOREPLY_DOMAIN) && local.contains("+")) {
      local = local.substring(local.indexOf('+') + 1);
    }
    String login = local.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (login.length() > MAX_LOGIN) {
      login = login.substring(0, MAX_LOGIN).replaceAll("-+$", "");
    }
    return login.isEmpty() ? null : login;
  }

  private static String key(String fullName) {
    return fullName.toLowerCase(Locale.ROOT);
  }

  @Override
  public synchronized void close() {
    repositories.values().forEach(GitCodeRepository::close);
    repositories.clear();
  }
}
