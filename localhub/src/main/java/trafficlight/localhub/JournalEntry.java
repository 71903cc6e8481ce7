package trafficlight.localhub;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One state change, as written to the journal: each entry carries the whole new state of one thing
 * (a user, a repo, an issue...), so replaying is storing them again in order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = JournalEntry.UserSaved.class, name = "user"),
  @JsonSubTypes.Type(value = JournalEntry.TokenSaved.class, name = "token"),
  @JsonSubTypes.Type(value = JournalEntry.TokenRevoked.class, name = "token-revoked"),
  @JsonSubTypes.Type(value = JournalEntry.RepoSaved.class, name = "repo"),
  @JsonSubTypes.Type(value = JournalEntry.LabelSaved.class, name = "label"),
  @JsonSubTypes.Type(value = JournalEntry.IssueSaved.class, name = "issue"),
  @JsonSubTypes.Type(value = JournalEntry.CommentSaved.class, name = "comment"),
  @JsonSubTypes.Type(value = JournalEntry.AppSaved.class, name = "app"),
  @JsonSubTypes.Type(value = JournalEntry.InstallationSaved.class, name = "installation"),
  @JsonSubTypes.Type(
      value = JournalEntry.InstallationTokenSaved.class,
      name = "installation-token"),
  @JsonSubTypes.Type(value = JournalEntry.OrgMemberSaved.class, name = "org-member"),
  @JsonSubTypes.Type(value = JournalEntry.TeamMembershipSaved.class, name = "team-membership"),
  @JsonSubTypes.Type(value = JournalEntry.CollaboratorSaved.class, name = "collaborator"),
  @JsonSubTypes.Type(value = JournalEntry.RoleSaved.class, name = "role")
})
sealed interface JournalEntry {
  record UserSaved(User user) implements JournalEntry {}

  record TokenSaved(String token, String login) implements JournalEntry {}

  record TokenRevoked(String token) implements JournalEntry {}

  record RepoSaved(Repo repo) implements JournalEntry {}

  record LabelSaved(String repo, StoredLabel label) implements JournalEntry {}

  record IssueSaved(String repo, StoredIssue issue) implements JournalEntry {}

  record CommentSaved(String repo, StoredComment comment) implements JournalEntry {}

  /** {@code publicKey} is the X.509 (SubjectPublicKeyInfo) encoding, base64. */
  record AppSaved(long appId, String slug, String publicKey) implements JournalEntry {}

  record InstallationSaved(Installation installation) implements JournalEntry {}

  record InstallationTokenSaved(InstallationToken token) implements JournalEntry {}

  /** {@code publicMembership} null or false: private, GitHub's default for a new member. */
  record OrgMemberSaved(String org, String login, Boolean publicMembership)
      implements JournalEntry {}

  /** {@code state} is active or pending; null when the membership was removed. */
  record TeamMembershipSaved(String org, String team, String login, String state)
      implements JournalEntry {}

  /** {@code role} null: write, GitHub's default for an invitation (older journals). */
  record CollaboratorSaved(String repo, String login, String role) implements JournalEntry {}

  /** A role on the repository through a team or the organization: no collaborator. */
  record RoleSaved(String repo, String login, String role) implements JournalEntry {}
}
