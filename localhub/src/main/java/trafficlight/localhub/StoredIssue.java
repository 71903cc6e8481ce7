package trafficlight.localhub;

import java.time.Instant;
import java.util.List;

/** An issue as stored (immutable; every change stores a new one). */
record StoredIssue(
    long id,
    int number,
    String title,
    String body,
    String state,
    String stateReason,
    List<String> labels,
    List<String> assignees,
    String author,
    Instant createdAt,
    Instant updatedAt,
    Instant closedAt,
    String closedBy,
    boolean pullRequest,
    int commentCount) {

  StoredIssue {
    labels = List.copyOf(labels);
    assignees = List.copyOf(assignees);
  }

  boolean isOpen() {
    return "open".equals(state);
  }

  StoredIssue withTitle(String newTitle) {
    return new StoredIssue(
        id,
        number,
        newTitle,
        body,
        state,
        stateReason,
        labels,
        assignees,
        author,
        createdAt,
        updatedAt,
        closedAt,
        closedBy,
        pullRequest,
        commentCount);
  }

  StoredIssue withBody(String newBody) {
    return new StoredIssue(
        id,
        number,
        title,
        newBody,
        state,
        stateReason,
        labels,
        assignees,
        author,
        createdAt,
        updatedAt,
        closedAt,
        closedBy,
        pullRequest,
        commentCount);
  }

  StoredIssue withLabels(List<String> newLabels) {
    return new StoredIssue(
        id,
        number,
        title,
        body,
        state,
        stateReason,
        newLabels,
        assignees,
        author,
        createdAt,
        updatedAt,
        closedAt,
        closedBy,
        pullRequest,
        commentCount);
  }

  StoredIssue withAssignees(List<String> newAssignees) {
    return new StoredIssue(
        id,
        number,
        title,
        body,
        state,
        stateReason,
        labels,
        newAssignees,
        author,
        createdAt,
        updatedAt,
        closedAt,
        closedBy,
        pullRequest,
        commentCount);
  }

  StoredIssue withStateReason(String reason) {
    return new StoredIssue(
        id,
        number,
        title,
        body,
        state,
        reason,
        labels,
        assignees,
        author,
        createdAt,
        updatedAt,
        closedAt,
        closedBy,
        pullRequest,
        commentCount);
  }

  StoredIssue closed(String byLogin, String reason, Instant at) {
    return new StoredIssue(
        id,
        number,
        title,
        body,
        "closed",
        reason,
        labels,
        assignees,
        author,
        createdAt,
        updatedAt,
        at,
        byLogin,
        pullRequest,
        commentCount);
  }

  StoredIssue reopened() {
    return new StoredIssue(
        id,
        number,
        title,
        body,
        "open",
        "reopened",
        labels,
        assignees,
        author,
        createdAt,
        updatedAt,
        null,
        null,
        pullRequest,
        commentCount);
  }

  StoredIssue withComment() {
    return new StoredIssue(
        id,
        number,
        title,
        body,
        state,
        stateReason,
        labels,
        assignees,
        author,
        createdAt,
        updatedAt,
        closedAt,
        closedBy,
        pullRequest,
        commentCount + 1);
  }

  StoredIssue updatedAt(Instant at) {
    return new StoredIssue(
        id,
        number,
        title,
        body,
        state,
        stateReason,
        labels,
        assignees,
        author,
        createdAt,
        at,
        closedAt,
        closedBy,
        pullRequest,
        commentCount);
  }

  /** Whether this and {@code other} differ in anything but {@code updatedAt}. */
  boolean differsFrom(StoredIssue other) {
    return !this.updatedAt(other.updatedAt).equals(other);
  }
}
