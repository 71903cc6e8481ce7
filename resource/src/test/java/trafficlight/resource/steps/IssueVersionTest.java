package trafficlight.resource.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.github.Issue;
import trafficlight.resource.protocol.ResourceException;
import trafficlight.resource.protocol.Version;

class IssueVersionTest {

  static Issue closed(long number, String createdAt, String closedAt) {
    return new Issue(
        number,
        "[bot] t",
        "",
        "closed",
        "completed",
        List.of(),
        List.of(),
        "https://api.github.com/repos/o/r/issues/" + number,
        "https://github.com/o/r/issues/" + number,
        Instant.parse(createdAt),
        Instant.parse(closedAt),
        Instant.parse(closedAt),
        "alice",
        0,
        false,
        "ci-bot");
  }

  @Test
  void versionHasMitodlsKeysAndFormats() {
    Version version = IssueVersion.of(closed(12, "2026-11-01T10:00:00Z", "2026-11-02T11:30:05Z"));
    assertThat(version.fields())
        .containsExactly(
            Map.entry("issue_number", "12"),
            Map.entry("issue_title", "[bot] t"),
            Map.entry("issue_state", "closed"),
            Map.entry("issue_created_at", "2026-11-01T10:00:00"),
            Map.entry("issue_closed_at", "2026-11-02T11:30:05"),
            Map.entry("issue_url", "https://api.github.com/repos/o/r/issues/12"));
  }

  @Test
  void openIssueHasClosedAtNone() {
    Issue open =
        new Issue(
            3,
            "t",
            "",
            "open",
            null,
            List.of(),
            List.of(),
            "u",
            "h",
            Instant.parse("2026-11-01T10:00:00Z"),
            Instant.parse("2026-11-01T10:00:00Z"),
            null,
            null,
            0,
            false,
            "ci-bot");
    assertThat(IssueVersion.of(open).get("issue_closed_at")).isEqualTo("None");
  }

  @Test
  void closedIssuesAreOrderedByCloseTimeThenNumber() {
    List<Issue> issues =
        new ArrayList<>(
            List.of(
                closed(5, "2026-11-01T00:00:00Z", "2026-11-03T00:00:00Z"),
                closed(9, "2026-11-02T00:00:00Z", "2026-11-02T00:00:00Z"),
                closed(7, "2026-11-01T00:00:00Z", "2026-11-03T00:00:00Z")));
    issues.sort(Comparator.comparing(i -> IssueVersion.position(i, "closed")));
    assertThat(issues).extracting(Issue::number).containsExactly(9L, 5L, 7L);
  }

  @Test
  void positionReadBackFromAVersionEqualsTheIssues() {
    Issue issue = closed(5, "2026-11-01T00:00:00Z", "2026-11-03T04:05:06Z");
    assertThat(IssueVersion.position(IssueVersion.of(issue), "closed"))
        .isEqualTo(IssueVersion.position(issue, "closed"));
    assertThat(IssueVersion.position(IssueVersion.of(issue), "open"))
        .isEqualTo(IssueVersion.position(issue, "open"));
  }

  @Test
  void aVersionFromAnotherResourceIsAClearError() {
    assertThatThrownBy(() -> IssueVersion.number(new Version(Map.of("ref", "abc123"))))
        .isInstanceOf(ResourceException.class)
        .hasMessageContaining("issue_number");
    Version open =
        new Version(
            Map.of(
                "issue_number",
                "3",
                "issue_created_at",
                "2026-11-01T00:00:00",
                "issue_closed_at",
                "None"));
    assertThatThrownBy(() -> IssueVersion.position(open, "closed"))
        .hasMessageContaining("issue_closed_at is \"None\"");
  }
}
