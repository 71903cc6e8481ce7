package trafficlight.localhub;

import java.time.Instant;

/** A repository on the hub. */
public record Repo(
    long id, String owner, String name, boolean isPrivate, boolean hasIssues, Instant createdAt) {

  public String fullName() {
    return owner + "/" + name;
  }
}
