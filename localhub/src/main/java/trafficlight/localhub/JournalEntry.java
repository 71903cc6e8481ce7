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
  @JsonSubTypes.Type(value = JournalEntry.CollaboratorSaved.class, name = "collaborator")
})
sealed interface JournalEntry {
  record UserSaved(User user) implements JournalEntry {}

  record TokenSaved(String token, String login) implements JournalEntry {}

  record RepoSaved(Repo repo) implements JournalEntry {}

  record LabelSaved(String repo, StoredLabel label) implements JournalEntry {}

  record IssueSaved(String repo, StoredIssue issue) implements JournalEntry {}

  record CommentSaved(String repo, StoredComment comment) implements JournalEntry {}

  /** {@code publicKey} is the X.509 (SubjectPublicKeyInfo) encoding, base64. */
  record AppSaved(long appId, String slug, String publicKey) implements JournalEntry {}

  record InstallationSaved(Installation installation) implements JournalEntry {}

  record InstallationTokenSaved(InstallationToken token) implements JournalEntry {}

  record OrgMemberSaved(String org, String login) implements JournalEntry {}

  /** {@code state} is active or pending; null when the membership was removed. */
  record TeamMembershipSaved(String org, String team, String login, String state)
      implements JournalEntry {}

  record CollaboratorSaved(String repo, String login) implements JournalEntry {}
}
