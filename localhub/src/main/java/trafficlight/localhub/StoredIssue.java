package trafficlight.localhub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
    return with(b -> b.title = newTitle);
  }

  StoredIssue withBody(String newBody) {
    return with(b -> b.body = newBody);
  }

  StoredIssue withLabels(List<String> newLabels) {
    return with(b -> b.labels = newLabels);
  }

  /** With {@code added} after its labels, but for those it has already (in any case). */
  StoredIssue withLabelsAdded(List<String> added) {
    List<String> all = new ArrayList<>(labels);
    added.stream().filter(l -> all.stream().noneMatch(l::equalsIgnoreCase)).forEach(all::add);
    return withLabels(all);
  }

  StoredIssue withAssignees(List<String> newAssignees) {
    return with(b -> b.assignees = newAssignees);
  }

  StoredIssue withStateReason(String reason) {
    return with(b -> b.stateReason = reason);
  }

  StoredIssue closed(String byLogin, String reason, Instant at) {
    return with(
        b -> {
          b.state = "closed";
          b.stateReason = reason;
          b.closedAt = at;
          b.closedBy = byLogin;
        });
  }

  StoredIssue reopened() {
    return with(
        b -> {
          b.state = "open";
          b.stateReason = "reopened";
          b.closedAt = null;
          b.closedBy = null;
        });
  }

  StoredIssue withComment() {
    return with(b -> b.commentCount++);
  }

  StoredIssue updatedAt(Instant at) {
    return with(b -> b.updatedAt = at);
  }

  /** A copy of this issue with the changes {@code change} makes to its fields. */
  StoredIssue with(Consumer<Fields> change) {
    Fields fields = new Fields(this);
    change.accept(fields);
    return fields.build();
  }

  /** The fields of an issue being copied, to change before {@link #build()}. */
  static final class Fields {
    long id;
    int number;
    String title;
    String body;
    String state;
    String stateReason;
    List<String> labels;
    List<String> assignees;
    String author;
    Instant createdAt;
    Instant updatedAt;
    Instant closedAt;
    String closedBy;
    boolean pullRequest;
    int commentCount;

    private Fields(StoredIssue issue) {
      id = issue.id;
      number = issue.number;
      title = issue.title;
      body = issue.body;
      state = issue.state;
      stateReason = issue.stateReason;
      labels = issue.labels;
      assignees = issue.assignees;
      author = issue.author;
      createdAt = issue.createdAt;
      updatedAt = issue.updatedAt;
      closedAt = issue.closedAt;
      closedBy = issue.closedBy;
      pullRequest = issue.pullRequest;
      commentCount = issue.commentCount;
    }

    StoredIssue build() {
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
          commentCount);
    }
  }

  /** Whether this and {@code other} differ in anything but {@code updatedAt}. */
  boolean differsFrom(StoredIssue other) {
    return !this.updatedAt(other.updatedAt).equals(other);
  }
}
