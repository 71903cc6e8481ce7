package trafficlight.github;

/**
 * GitHub does not know a commit (or ref) the request named, in a repository that the credentials
 * can see: {@code 422 No commit found for SHA} from the commits endpoint, or a {@code 404} from the
 * compare endpoint while the repository itself answers. A 404 for an invisible repository stays a
 * plain {@link GitHubException}.
 */
public class CommitNotFoundException extends GitHubException {

  private final String ref;

  public CommitNotFoundException(int status, String message, String githubMessage, String ref) {
    super(status, message, githubMessage);
    this.ref = ref;
  }

  /** The commit or ref that is unknown (for a comparison, both are named in the message). */
  public String ref() {
    return ref;
  }
}
