package trafficlight.gate;

import java.time.Instant;

/**
 * One text of a gate issue, its body or a comment, with who wrote it: what {@link
 * DeployRecord#readIssue} and the {@code /promote} rule need, however the caller read it.
 *
 * @param author the login GitHub names as its author ({@code user.login}), or null
 * @param authorAssociation GitHub's {@code author_association}, or null when not known
 * @param createdAt when it was written, or null
 * @param body its text, or null
 */
public record IssueText(String author, String authorAssociation, Instant createdAt, String body) {}
