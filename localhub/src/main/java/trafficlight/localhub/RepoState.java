package trafficlight.localhub;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mutable contents of one repository: issues by number, their comments, its labels, its
 * collaborators (lower-case logins).
 */
final class RepoState {
  Repo repo;
  final TreeMap<Integer, StoredIssue> issues = new TreeMap<>();
  final Map<Integer, List<StoredComment>> comments = new TreeMap<>();
  final Map<String, StoredLabel> labels = new LinkedHashMap<>();
  final Set<String> collaborators = new HashSet<>();

  /** Roles (read, triage, write, maintain, admin) by lower-case login, however granted. */
  final Map<String, String> roles = new java.util.HashMap<>();

  RepoState(Repo repo) {
    this.repo = repo;
  }

  int nextNumber() {
    return issues.isEmpty() ? 1 : issues.lastKey() + 1;
  }

  List<StoredComment> commentsOf(int number) {
    return comments.getOrDefault(number, List.of());
  }

  void putComment(StoredComment comment) {
    List<StoredComment> list =
        comments.computeIfAbsent(comment.issueNumber(), n -> new ArrayList<>());
    list.removeIf(c -> c.id() == comment.id());
    list.add(comment);
  }

  Optional<StoredComment> comment(long id) {
    return comments.values().stream().flatMap(List::stream).filter(c -> c.id() == id).findFirst();
  }

  StoredLabel label(String name) {
    return labels.get(name.toLowerCase(Locale.ROOT));
  }

  long openIssueCount() {
    return issues.values().stream().filter(StoredIssue::isOpen).count();
  }
}
