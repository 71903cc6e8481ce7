package trafficlight.github;

import java.security.PrivateKey;

/** How the client authenticates. Implementations never print their secrets. */
public sealed interface Credentials {

  /** No credentials: public repositories only, 60 requests an hour on github.com. */
  record Anonymous() implements Credentials {}

  /** A personal access token (classic or fine-grained) or any other bearer token. */
  record Token(String value) implements Credentials {
    @Override
    public String toString() {
      return "Token[***]";
    }
  }

  /** A GitHub App installation: a JWT signed with the App's key is exchanged for a token. */
  record App(long appId, long installationId, PrivateKey privateKey) implements Credentials {
    @Override
    public String toString() {
      return "App[appId=" + appId + ", installationId=" + installationId + "]";
    }
  }
}
