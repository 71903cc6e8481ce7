package trafficlight.github;

import java.time.Instant;

/**
 * A comment on an issue.
 *
 * @param updatedAt when its text was last changed: its {@code created_at} until someone edits it
 * @param authorAssociation GitHub's {@code author_association} of its author with the repository
 *     ({@code OWNER}, {@code MEMBER}, {@code COLLABORATOR}, {@code NONE}, ...), or null
 */
public record Comment(
    long id,
    String body,
    String user,
    String htmlUrl,
    Instant createdAt,
    Instant updatedAt,
    String authorAssociation) {}
